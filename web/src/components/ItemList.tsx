import { Empty } from 'antd';
import type { ReactNode } from 'react';

/**
 * A plain bordered list (antd 6.6 deprecates `List`; its successor `Listy` is a virtual list meant
 * for long data, not for the handful of rows shown here).
 */
export function ItemList<T>({
  items,
  render,
  empty,
  header,
  testId,
}: {
  items: T[];
  render: (item: T) => { key: string; content: ReactNode; actions?: ReactNode; testId?: string };
  empty?: ReactNode;
  header?: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      {header && <div className="item-list-header">{header}</div>}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ margin: '8px 0' }} />
      ) : (
        <ul className="item-list">
          {items.map((it) => {
            const r = render(it);
            return (
              <li key={r.key} data-testid={r.testId}>
                <div className="item-list-content">{r.content}</div>
                {r.actions && <div className="item-list-actions">{r.actions}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
