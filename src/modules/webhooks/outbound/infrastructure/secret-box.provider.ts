import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { SecretBox } from '../../../../shared/crypto/secret-box.js';
import { loadOrCreateSecretKey } from '../../../../shared/crypto/secret-key-file.js';

/** The box that seals signing secrets: `KICI_SECRET_KEY`, or (never in production) the data folder's key file. */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => new SecretBox(config.secretKey ?? (await loadOrCreateSecretKey(config.dataDir))),
};
