import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ActiveSession, resolveSession } from '../modules/auth/auth.service.ts';
import { loadActor } from '../modules/policy/actor.ts';
import type { Actor } from '../modules/policy/policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind the request's cookie, or null for the public: looked up once, on first use. */
    session(): Promise<ActiveSession | null>;
    /** The caller's rights (policy/actor.ts), or null for the public: loaded once, on first use. */
    actor(): Promise<Actor | null>;
  }
  interface FastifyReply {
    setSessionCookie(token: string, expiresAt: Date): void;
    clearSessionCookie(): void;
  }
}

/**
 * Who is calling, for every route alike (GraphQL, uploads): the one place that reads the session cookie. Public
 * requests that never ask cost nothing; a request that asks twice looks the session up once.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const { config } = app;
    const sessions = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>();
    const actors = new WeakMap<FastifyRequest, Promise<Actor | null>>();

    app.decorateRequest('session', function (this: FastifyRequest) {
      let session = sessions.get(this);
      if (!session) {
        const token = this.cookies[config.sessionCookie.name];
        session = token ? resolveSession({ db: app.database.db, config, token }) : Promise.resolve(null);
        sessions.set(this, session);
      }
      return session;
    });

    app.decorateRequest('actor', function (this: FastifyRequest) {
      let actor = actors.get(this);
      if (!actor) {
        actor = this.session().then((session) => (session ? loadActor(app.database.db, session.person) : null));
        actors.set(this, actor);
      }
      return actor;
    });

    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.sessionCookie.secure } as const;
    app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string, expiresAt: Date) {
      this.setCookie(config.sessionCookie.name, token, { ...cookieOptions, expires: expiresAt });
    });
    app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      this.clearCookie(config.sessionCookie.name, cookieOptions);
    });
  },
  { name: 'auth', dependencies: ['database', 'config', '@fastify/cookie'] },
);
