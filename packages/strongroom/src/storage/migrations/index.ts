/** Every migration, in order. Add a new numbered module and list it here. */
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-kms.ts';
import { migration003 } from './003-iam.ts';
import { migration004 } from './004-sts-sessions.ts';
import { migration005 } from './005-kms-grants.ts';
import { migration006 } from './006-ssm.ts';
import { migration007 } from './007-secretsmanager.ts';
import { migration008 } from './008-kms-imports.ts';
import { migration009 } from './009-kms-multi-region.ts';
import { migration010 } from './010-secretsmanager-replication.ts';
import { migration011 } from './011-lambda.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
