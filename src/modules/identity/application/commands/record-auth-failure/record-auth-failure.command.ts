import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Records one failed authentication in the audit log (Platform chain: no org is known). */
export class RecordAuthFailureCommand extends AppCommand<void> {
  constructor(
    readonly reason: string,
    readonly credential: string,
  ) {
    super({ type: 'anonymous', id: 'anonymous', display: null });
  }
}
