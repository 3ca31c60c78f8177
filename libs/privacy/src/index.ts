export { maskPhone, maskName, maskPhonesInText, maskPhonesDeep } from './masking.js';
export { PersonalDataCipher } from './personal-data-cipher.js';
export { PrivacyModule } from './privacy.module.js';
