import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import type { AuthService, ClientInfo, Principal } from '@rosetta/domain';
import type { LoginRequest, RefreshRequest, RegisterRequest } from '@rosetta/shared-contract';
import { AUTH_SERVICE } from '../domain.module.js';
import { Contract } from '../http/contract.decorator.js';
import { CurrentUser } from './current-user.decorator.js';
import { Public } from './public.decorator.js';
import { AuthRateLimitGuard } from './rate-limit.guard.js';
import { SignInClient } from './sign-in-client.decorator.js';

/**
 * `/auth`: accounts, tokens and the caller's sessions. Register and login share one rate-limit bucket
 * per client. Signing in and exchanging tokens are public; the sessions routes need a token.
 */
@Controller('auth')
export class AuthController {
  constructor(@Inject(AUTH_SERVICE) private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @UseGuards(AuthRateLimitGuard)
  @Contract('register')
  register(@Body() body: RegisterRequest, @SignInClient() client: ClientInfo) {
    return this.auth.register(body, client);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @Contract('login')
  login(@Body() body: LoginRequest, @SignInClient() client: ClientInfo) {
    return this.auth.login(body, client);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Contract('refresh')
  refresh(@Body() body: RefreshRequest) {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @Contract('logout')
  logout(@Body() body: RefreshRequest) {
    return this.auth.logout(body.refreshToken);
  }

  @Get('sessions')
  listSessions(@CurrentUser() me: Principal) {
    return this.auth.listSessions(me);
  }

  @Delete('sessions')
  @HttpCode(204)
  endOtherSessions(@CurrentUser() me: Principal) {
    return this.auth.endOtherSessions(me);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @Contract('deleteSession')
  endSession(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.auth.endSession(me, id);
  }
}
