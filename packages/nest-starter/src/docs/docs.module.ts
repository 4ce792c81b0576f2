import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller.js';

/** The contract and its interactive reference. */
@Module({ controllers: [DocsController] })
export class DocsModule {}
