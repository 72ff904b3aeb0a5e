import { deflateSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { imageInfo } from '../../src-main/services/print/image';
import { errorCode as code } from '../helpers/errors';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let admin: Session;
let zhang: Session;
let customerId: string;

/** A real PNG file of the given size (one grey row repeated; zlib-compressed IDAT, CRCs left zero: readers of the header do not check them). */
const png = (width: number, height: number): Buffer => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * Math.min(height, 4), 0x80);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};

/** The header of a baseline JPEG: SOI, an APP0 segment, SOF0 with the size. */
const jpeg = (width: number, height: number): Buffer => {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
};

it.override({ officeMembers: ['zhang'] });
it.beforeEach(async ({ office }) => {
  ({ ws, admin, zhang } = office);
  customerId = (await ws.call(zhang, 'customers.create', { fields: { name: '星辰商城' }, confirmDuplicates: true })).id;
});

describe('image headers', () => {
  it('reads PNG and JPEG sizes from the bytes and nothing else', () => {
    expect(imageInfo(png(320, 80))).toEqual({ mime: 'image/png', width: 320, height: 80 });
    expect(imageInfo(jpeg(640, 200))).toEqual({ mime: 'image/jpeg', width: 640, height: 200 });
    expect(imageInfo(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(imageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageInfo(png(320, 80).subarray(0, 20))).toBeNull();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});

describe('company details', () => {
  it('keeps address, phone, fax and a logo, and prints them in the header of every form', async () => {
    const saved = await ws.call(admin, 'settings.update', { companyName: '杭州测试贸易有限公司', address: '杭州市西湖区文三路 90 号', phone: '0571-8888 1234', fax: '0571-8888 1235' });
    expect(saved).toMatchObject({ address: '杭州市西湖区文三路 90 号', phone: '0571-8888 1234', fax: '0571-8888 1235', logo: null });
    const logo = png(400, 120);
    const withLogo = await ws.call(admin, 'settings.setLogo', { dataBase64: logo.toString('base64') });
    expect(withLogo.logo).toEqual({ mime: 'image/png', width: 400, height: 120, dataBase64: logo.toString('base64') });
    // Everyone sees them (the printouts of a salesperson carry them too).
    expect((await ws.call(zhang, 'settings.get', {})).address).toBe('杭州市西湖区文三路 90 号');

    const doc = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    const head = /<header class="sheet-head">[\s\S]*?<\/header>/.exec(doc.html)![0];
    expect(head).toContain(`<img class="logo" src="data:image/png;base64,${logo.toString('base64')}"`);
    expect(head).toContain('杭州测试贸易有限公司');
    expect(head).toContain('地址：杭州市西湖区文三路 90 号');
    expect(head).toContain('电话：0571-8888 1234');
    expect(head).toContain('传真：0571-8888 1235');

    // A JPEG replaces it; null removes it; empty details leave the line out.
    expect((await ws.call(admin, 'settings.setLogo', { dataBase64: jpeg(800, 800).toString('base64') })).logo?.mime).toBe('image/jpeg');
    expect((await ws.call(admin, 'settings.setLogo', { dataBase64: null })).logo).toBeNull();
    await ws.call(admin, 'settings.update', { companyName: '杭州测试贸易有限公司', address: '', phone: '', fax: '' });
    const plain = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    expect(plain.html).not.toContain('class="logo"');
    expect(plain.html).not.toContain('class="contact"');
  });

  it('refuses a logo that is not a PNG or JPEG, too large a file or too many pixels, with a clear error, and changes nothing', async () => {
    const good = png(200, 60).toString('base64');
    await ws.call(admin, 'settings.setLogo', { dataBase64: good });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1').toString('base64');
    expect(await code(ws.invoke(admin, 'settings.setLogo', { dataBase64: gif }))).toBe('LOGO_INVALID');
    expect(await code(ws.invoke(admin, 'settings.setLogo', { dataBase64: '' }))).toBe('LOGO_INVALID');
    // A real PNG header padded to 600 KB.
    const big = Buffer.concat([png(200, 60), Buffer.alloc(600 * 1024)]).toString('base64');
    const tooLarge = await ws.invoke(admin, 'settings.setLogo', { dataBase64: big });
    expect(tooLarge.ok ? '' : tooLarge.error.code).toBe('LOGO_TOO_LARGE');
    expect(tooLarge.ok ? '' : tooLarge.error.message).toBe('标志图片太大：最大 512 KB（这个文件 601 KB）');
    const wide = await ws.invoke(admin, 'settings.setLogo', { dataBase64: png(2400, 100).toString('base64') });
    expect(wide.ok ? '' : wide.error.code).toBe('LOGO_TOO_MANY_PIXELS');
    expect(wide.ok ? '' : wide.error.message).toBe('标志图片尺寸太大：最大 2000×2000 像素（这张 2400×100）');
    expect(await code(ws.invoke(admin, 'settings.setLogo', { dataBase64: jpeg(1000, 2001).toString('base64') }))).toBe('LOGO_TOO_MANY_PIXELS');
    // Not base64 at all: refused by the schema.
    expect(await code(ws.invoke(admin, 'settings.setLogo', { dataBase64: '<svg onload=alert(1)>' }))).toBe('VALIDATION');
    // Only an administrator sets it.
    expect(await code(ws.invoke(zhang, 'settings.setLogo', { dataBase64: good }))).toBe('FORBIDDEN');
    expect((await ws.call(admin, 'settings.get', {})).logo?.dataBase64).toBe(good);
  });

  it('refuses details longer than a line', async () => {
    expect(await code(ws.invoke(admin, 'settings.update', { companyName: '杭州测试贸易有限公司', fax: '1'.repeat(41) }))).toBe('VALIDATION');
    expect((await ws.call(admin, 'settings.get', {})).fax).toBe('');
  });
});
