import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates migrations: it cannot open the encrypted
// database, so the app applies them at run time (src-main/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/db/schema.ts',
  out: './src-main/db/migrations',
});
