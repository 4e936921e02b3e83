// The ordered list of schema migrations. Append only; a landed migration is never edited.
import m0001 from './0001-spine';
import m0002 from './0002-knowledge';
import m0003 from './0003-assistant';
import m0004 from './0004-catalog-orders';
import m0005 from './0005-reminders';
import m0006 from './0006-contacts';
import m0007 from './0007-outbox-progress';
import m0008 from './0008-inbox-write-path';
import m0009 from './0009-durable-sending-secrets';
import m0010 from './0010-contact-language';
import m0011 from './0011-message-origin';
import m0012 from './0012-reports';
import m0013 from './0013-media';
import m0014 from './0014-workday';
import m0015 from './0015-phone-book-not-a-channel';
import type { Migration } from './types';

export type { Migration, MigrationContext } from './types';

export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
];
