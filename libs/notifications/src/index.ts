export { Clock } from './clock.js';
export {
  Notification,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  type NotificationChannel,
  type NotificationStatus,
  type NotificationPayload,
} from './notification.entity.js';
export { WecomToken, WecomRobotState, WecomRobotSend } from './wecom-state.entity.js';
export { NotificationsService, robotRecipient, DELIVER_JOB, SWEEP_JOB, type NewNotification } from './notifications.service.js';
export { messageIdOf } from './email-sender.js';
export { secretHash } from './wecom-client.js';
export { truncateBytes, robotDigest, backoffMs } from './delivery-policy.js';
export { NotificationsModule } from './notifications.module.js';

import { Notification } from './notification.entity.js';
import { WecomToken, WecomRobotState, WecomRobotSend } from './wecom-state.entity.js';
export const NOTIFICATIONS_ENTITIES = [Notification, WecomToken, WecomRobotState, WecomRobotSend];
