/**
 * `parley store`: the conversation store's own chores.
 *   parley store create-table --table T [--region R] [--endpoint URL]
 */
import { Command } from 'commander';
import { createDynamoDbTable } from '../state/index.js';

interface CreateTableFlags {
  table: string;
  region?: string;
  endpoint?: string;
}

/**
 * @example
 * program.addCommand(storeCommand())
 */
export function storeCommand(): Command {
  return new Command('store').description('set up the conversation store').addCommand(createTableCommand());
}

function createTableCommand(): Command {
  return new Command('create-table')
    .description('create the DynamoDB table the dynamodb store needs (on-demand billing, key conversationId, TTL on expiresAt); does nothing to a table that is ready')
    .requiredOption('--table <name>', 'the table name, as set in store.table or PARLEY_DYNAMODB_TABLE')
    .option('--region <region>', 'the AWS region (default: AWS_REGION or the profile)')
    .option('--endpoint <url>', 'another endpoint than AWS (DynamoDB Local)')
    .action(async (flags: CreateTableFlags) => {
      const result = await createDynamoDbTable({ table: flags.table, region: flags.region, endpoint: flags.endpoint });
      const timeToLive = {
        enabled: 'TTL on expiresAt turned on',
        'already-enabled': 'TTL on expiresAt was on',
        unsupported: 'this endpoint has no TTL (UpdateTimeToLive): expired conversations read as absent but are not deleted',
      }[result.timeToLive];
      console.log(`table ${result.table} ${result.created ? 'created' : 'was there already'}; ${timeToLive}`);
    });
}
