import { Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  providers: [Clock, NotificationsService],
  exports: [Clock, NotificationsService],
})
export class NotificationsModule {}
