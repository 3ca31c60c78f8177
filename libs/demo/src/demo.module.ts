import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { DemoService } from './demo.service.js';

@Module({ imports: [IdentityModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
