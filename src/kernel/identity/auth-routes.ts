import { appendAudit } from '../audit/log.js';
import type { RouteRegistrar } from '../http/app.js';
import { Problem, problems } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { changePassword } from './change-password.js';
import { login, zLogin } from './login.js';
import { clearSessionCookie, deleteSession, sessionToken, setSessionCookie } from './session.js';
import { getUserView } from './users.js';

/** Login attempts per client address; the account lockout is the second line against guessing. */
const LOGIN_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function invalidCredentials() {
  return new Problem(401, 'invalid-credentials', '用户名或密码错误', 'Wrong username or password');
}

function locked(until: Date) {
  const at = shanghaiTime.format(until);
  return new Problem(423, 'account-locked', '账号已临时锁定', 'Account temporarily locked', {
    detailZh: `登录失败次数过多，请于 ${at}（北京时间）后再试，或联系管理员解锁`,
    detailEn: `Too many failed logins; try again after ${at} (Beijing time) or ask an administrator to unlock the account`,
    extra: { lockedUntil: until.toISOString() },
  });
}

function disabled() {
  return new Problem(403, 'account-disabled', '账号已停用，请联系管理员', 'Account disabled; contact an administrator');
}

export const registerAuthRoutes: RouteRegistrar = (app, k) => {
  app.post('/api/v1/auth/login', { config: { rateLimit: LOGIN_RATE_LIMIT } }, async (req, reply) => {
    const r = await login(k, parseInput(zLogin, req.body), { ip: req.ip });
    if (r.kind === 'invalid') throw invalidCredentials();
    if (r.kind === 'locked') throw locked(r.until);
    if (r.kind === 'disabled') throw disabled();
    setSessionCookie(k, req, reply, r.token, r.expiresAt);
    return { user: r.user };
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    const token = sessionToken(req);
    if (token) {
      await k.db.tx(async (tx) => {
        await deleteSession(tx, token);
        if (req.actor) await appendAudit(tx, { actor: req.actor, action: 'logout', target: `user:${req.actor.id}` });
      });
    }
    clearSessionCookie(k, req, reply);
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', async (req) => {
    if (!req.actor) throw problems.unauthenticated();
    const me = await getUserView(k.db, req.actor.id);
    if (!me) throw problems.unauthenticated();
    return me;
  });

  app.post('/api/v1/auth/password', async (req, reply) => {
    if (!req.actor) throw problems.unauthenticated();
    await changePassword(k, req.actor, req.body, sessionToken(req));
    return reply.status(204).send();
  });
};
