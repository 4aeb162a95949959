import { defineConfig } from 'drizzle-kit';

// Only `generate` and `check` are used: migrations are applied by the app itself (src/db/client.ts, `migrate()`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
