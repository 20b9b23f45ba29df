import type { ThemeConfig } from 'antd';

export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** antd's default theme with a deep government blue as the primary colour. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    borderRadius: 6,
    fontFamily: FONT_STACK,
  },
  components: {
    Layout: { siderBg: '#0f1f4b', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f1f4b', darkSubMenuItemBg: '#0b1838', darkItemSelectedBg: '#1d4ed8' },
  },
};
