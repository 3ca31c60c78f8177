import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '@app/config';
import type { NotificationPayload } from './notification.entity.js';

/** Message-ID derived from the outbox row: a resend of the same row carries the same id. */
export function messageIdOf(notificationId: string): string {
  return `<${notificationId}@notifications.zhaoshang-crm>`;
}

/**
 * Email through SMTP (nodemailer), or — without SMTP_URL — written as .eml files to DATA_DIR/mail
 * so an offline `npm start` still shows what would have been sent.
 */
export class EmailSender {
  private readonly transport: Transporter;
  private readonly toFiles: boolean;
  private mailDir: Promise<string> | null = null;

  constructor(private readonly config: AppConfig) {
    this.toFiles = !config.smtpUrl;
    this.transport = config.smtpUrl
      ? nodemailer.createTransport(config.smtpUrl, {
          // Connections are kept and reused (a new SMTP session per email costs more than the email).
          pool: true,
          maxConnections: 2,
          connectionTimeout: 5_000,
          greetingTimeout: 5_000,
          socketTimeout: 15_000,
        } as object)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Sends; resolves with where it went (SMTP response or file path), rejects on failure. */
  async send(notificationId: string, to: string, p: NotificationPayload): Promise<string> {
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to,
      subject: p.subject,
      text: p.text,
      html: p.html ?? undefined,
      messageId: messageIdOf(notificationId),
      headers: { 'X-ZS-Notification-Id': notificationId },
    })) as { response?: string; message?: Buffer };
    if (this.toFiles) {
      const dir = await (this.mailDir ??= this.makeMailDir());
      const file = join(dir, `${notificationId}.eml`);
      await writeFile(file, info.message ?? Buffer.alloc(0));
      return file;
    }
    return String(info.response ?? 'sent');
  }

  private async makeMailDir(): Promise<string> {
    const dir = join(this.config.dataDir, 'mail');
    try {
      await mkdir(dir, { recursive: true });
      return dir;
    } catch (e) {
      this.mailDir = null;
      throw e;
    }
  }

  close(): void {
    this.transport.close();
  }
}
