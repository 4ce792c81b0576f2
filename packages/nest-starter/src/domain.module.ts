import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Domain } from '@rosetta/domain';

// The domain's services are interfaces, which leave nothing at run time for Nest to inject by type, so
// each gets a token. Every constructor in this app names its tokens with @Inject() rather than rely on
// `design:paramtypes`: tsc emits that metadata, but esbuild (tsx) does not, and explicit tokens make the
// wiring independent of whichever compiler a reader runs the code through.
const DOMAIN = Symbol('Domain');
export const AUTH_SERVICE = Symbol('AuthService');
export const USERS_SERVICE = Symbol('UsersService');
export const TASKS_SERVICE = Symbol('TasksService');
export const HEALTH_SERVICE = Symbol('HealthService');

/**
 * The framework-free domain, created by server.ts (or a test) before Nest starts, as providers: the
 * whole `Domain` and each of its services under its own token. Global, so feature modules inject the
 * services without importing this module, as they would a database module. (A file beside
 * app.module.ts rather than a `domain/` folder: a project made by `npm run create` keeps the domain's
 * own source in `src/domain/`.)
 */
@Global()
@Module({})
export class DomainModule implements OnApplicationShutdown {
  constructor(@Inject(DOMAIN) private readonly domain: Domain) {}

  static forRoot(domain: Domain): DynamicModule {
    const service = (token: symbol, pick: (d: Domain) => unknown) => ({
      provide: token,
      useFactory: pick,
      inject: [DOMAIN],
    });
    const providers = [
      { provide: DOMAIN, useValue: domain },
      service(AUTH_SERVICE, (d) => d.auth),
      service(USERS_SERVICE, (d) => d.users),
      service(TASKS_SERVICE, (d) => d.tasks),
      service(HEALTH_SERVICE, (d) => d.health),
    ];
    return {
      module: DomainModule,
      providers,
      exports: providers.map((p) => p.provide),
    };
  }

  /**
   * The last step of Nest's shutdown (`app.close()`): Nest has already closed the HTTP server, which
   * waits for in-flight requests, before it calls this hook; the database goes last.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.domain.close();
  }
}
