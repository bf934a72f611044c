// Pinned for every test worker: timestamps in results are compared in UTC.
process.env.TZ = 'UTC';
