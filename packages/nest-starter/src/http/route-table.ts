import { Inject, Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

interface Route {
  pattern: RegExp;
  method: string;
}

/**
 * Which methods each path answers, read once from the controllers' own decorators. Nest answers a
 * known path with the wrong method exactly as it answers an unknown path, with a NotFoundException;
 * this table lets ProblemFilter tell the two apart and list `Allow` (RFC 9110 §15.5.6), so no
 * controller needs a catch-all handler and the list cannot drift from the routes.
 */
@Injectable()
export class RouteTable implements OnModuleInit {
  private routes: Route[] = [];

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const { metatype } of this.discovery.getControllers()) {
      if (!metatype) continue;
      const prefixes = toArray(this.reflector.get<string | string[]>(PATH_METADATA, metatype));
      const prototype = metatype.prototype as Record<string, () => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const paths = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (paths === undefined || method === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of toArray(paths)) {
            this.routes.push({ pattern: toPattern(prefix, path), method: RequestMethod[method] });
          }
        }
      }
    }
  }

  /** The methods `path` has routes for; empty if none. */
  allowedMethods(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  }
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return ['/' as T];
  return Array.isArray(value) ? value : [value];
}

/** Matches as Express's router does by default: case-insensitive, an optional trailing slash. */
function toPattern(prefix: string, path: string): RegExp {
  const segments = `${prefix}/${path}`.split('/').filter(Boolean);
  const source = segments
    .map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^/${source}/?$`, 'i');
}
