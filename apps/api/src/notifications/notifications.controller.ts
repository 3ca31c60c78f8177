import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Roles } from '@app/identity';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NotificationsService,
  type Notification,
  type NotificationChannel,
  type NotificationStatus,
} from '@app/notifications';
import { ParseIdPipe } from '../http/parse-id.pipe.js';

export class ListNotificationsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() leadId?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
}

export class NotificationResponse {
  @ApiProperty() id: string;
  @ApiProperty() eventKey: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: NotificationChannel;
  @ApiProperty({ description: 'Email, WeCom userid(s) or robot:<key hash>' }) recipient: string;
  @ApiPropertyOptional({ nullable: true }) leadId: string | null;
  @ApiProperty() kind: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status: NotificationStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Recipients WeCom reported invalid' }) partialFailure: string | null;
  @ApiProperty() nextAttemptAt: string;
  @ApiPropertyOptional({ nullable: true }) sentAt: string | null;
  @ApiProperty() createdAt: string;

  static of(n: Notification): NotificationResponse {
    return {
      id: n.id,
      eventKey: n.eventKey,
      channel: n.channel,
      recipient: n.recipient,
      leadId: n.leadId,
      kind: n.payload.kind,
      subject: n.payload.subject,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      partialFailure: n.partialFailure,
      nextAttemptAt: n.nextAttemptAt.toISOString(),
      sentAt: n.sentAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    };
  }
}

@ApiTags('notifications')
@Roles('manager')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Delivery log (manager): channel, recipient, status, attempts, last error' })
  @ApiOkResponse({ type: [NotificationResponse] })
  async list(@Query() q: ListNotificationsQuery): Promise<NotificationResponse[]> {
    return (await this.notifications.list(q)).map(NotificationResponse.of);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue a failed or dead notification again (manager)' })
  async retry(@Param('id', ParseIdPipe) id: string): Promise<NotificationResponse> {
    return NotificationResponse.of(await this.notifications.retry(id));
  }
}
