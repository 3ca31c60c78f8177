import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PersonalDataCipher } from './personal-data-cipher.js';

@Global()
@Module({
  providers: [
    {
      provide: PersonalDataCipher,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new PersonalDataCipher(c.dataKey, c.hashKey),
    },
  ],
  exports: [PersonalDataCipher],
})
export class PrivacyModule {}
