import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import type { AuthService } from '@rosetta/domain';
import type { LoginRequest, RefreshRequest, RegisterRequest } from '@rosetta/shared-contract';
import { AUTH_SERVICE } from '../domain.module.js';
import { Contract } from '../http/contract.decorator.js';
import { Public } from './public.decorator.js';
import { AuthRateLimitGuard } from './rate-limit.guard.js';

/** `/auth`: accounts and tokens. Register and login share one rate-limit bucket per client. */
@Public()
@Controller('auth')
export class AuthController {
  constructor(@Inject(AUTH_SERVICE) private readonly auth: AuthService) {}

  @Post('register')
  @UseGuards(AuthRateLimitGuard)
  @Contract('register')
  register(@Body() body: RegisterRequest) {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @Contract('login')
  login(@Body() body: LoginRequest) {
    return this.auth.login(body);
  }

  @Post('refresh')
  @HttpCode(200)
  @Contract('refresh')
  refresh(@Body() body: RefreshRequest) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Contract('logout')
  logout(@Body() body: RefreshRequest) {
    return this.auth.logout(body.refreshToken);
  }
}
