import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import type { ListUsersQuery, Principal, UsersService } from '@rosetta/domain';
import type { UpdateMeRequest, UpdateUserRequest } from '@rosetta/shared-contract';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { USERS_SERVICE } from '../domain.module.js';
import { Contract } from '../http/contract.decorator.js';

/**
 * `/users`: the caller's own account, and administration of everyone's. The domain decides who is an
 * admin and what an admin may do to their own account; this class only speaks HTTP.
 */
@Controller('users')
export class UsersController {
  constructor(@Inject(USERS_SERVICE) private readonly users: UsersService) {}

  // The `me` routes come before `:id`, which would otherwise claim "me" (and reject it as not a UUID):
  // Nest registers a controller's routes in the order its methods are declared.
  @Get('me')
  getMe(@CurrentUser() me: Principal) {
    return this.users.getMe(me);
  }

  @Patch('me')
  @Contract('updateMe')
  updateMe(@CurrentUser() me: Principal, @Body() body: UpdateMeRequest) {
    return this.users.updateMe(me, body);
  }

  @Delete('me')
  @HttpCode(204)
  deleteMe(@CurrentUser() me: Principal) {
    return this.users.deleteMe(me);
  }

  @Get()
  @Contract('listUsers')
  list(@CurrentUser() me: Principal, @Query() query: ListUsersQuery) {
    return this.users.list(me, query);
  }

  @Get(':id')
  @Contract('getUser')
  get(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.users.get(me, id);
  }

  @Patch(':id')
  @Contract('updateUser')
  updateRole(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserRequest,
  ) {
    return this.users.updateRole(me, id, body.role);
  }

  @Delete(':id')
  @HttpCode(204)
  @Contract('deleteUser')
  remove(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.users.remove(me, id);
  }
}
