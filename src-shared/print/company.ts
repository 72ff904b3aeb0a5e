import { z } from 'zod';

/** The company's details printed in the header of every form and report (设置 → 公司信息). */
export type CompanyLogo = { mime: 'image/png' | 'image/jpeg'; width: number; height: number; dataBase64: string };
export type CompanyDetails = { address: string; phone: string; fax: string; logo: CompanyLogo | null };

/** The logo's bounds: a file of at most 512 KB and 2000 × 2000 pixels. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MAX_PIXELS = 2000;

const line = (max: number) => z.string().trim().max(max, 'validation.tooLong');

/** Address, phone and fax (each optional, one line each) beside the company name. */
export const companyDetailsFields = {
  address: line(200).optional(),
  phone: line(40).optional(),
  fax: line(40).optional(),
};

/**
 * A logo the admin picked, as base64 (null removes it). The main process
 * decodes it and reads the image header (PNG or JPEG, its size in pixels);
 * this only bounds the text: a little over 512 KB of base64.
 */
export const logoUploadSchema = z.object({
  dataBase64: z
    .string()
    .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 * 2, 'forms.company.logoTooLarge')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'forms.company.logoInvalid')
    .nullable(),
});
export type LogoUpload = z.output<typeof logoUploadSchema>;

/** The logo as an image source for <img> (a data: URL; the forms' CSP allows data: images only). */
export const logoDataUrl = (logo: CompanyLogo | null | undefined): string | null => (logo ? `data:${logo.mime};base64,${logo.dataBase64}` : null);

/** Address, phone and fax in one line, for the header under the company name. */
export const companyContactLine = (t: (key: string, options?: Record<string, unknown>) => string, d: Partial<CompanyDetails>): string =>
  [
    d.address ? t('forms.company.addressValue', { value: d.address }) : '',
    d.phone ? t('forms.company.phoneValue', { value: d.phone }) : '',
    d.fax ? t('forms.company.faxValue', { value: d.fax }) : '',
  ]
    .filter(Boolean)
    .join('\u3000');
