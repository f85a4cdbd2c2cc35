// bench:coldstart's botbuilder row, run on plain node: botbuilder and botbuilder-dialogs load, and
// the BookAppointment waterfall (the engine bench's, TextPrompts in a ComponentDialog) answers a
// first turn through botbuilder's TestAdapter, with conversation state in MemoryStorage. No
// recognizer: the intent is given. Prints `answered: <reply>`.
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { BookAppointmentDialog } from './botbuilder-book-appointment-dialog.js';

const conversationState = new ConversationState(new MemoryStorage());
const dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState'));
dialogs.add(new BookAppointmentDialog(() => 'BK-000001'));
const adapter = new TestAdapter(async (context) => {
  const dialogContext = await dialogs.createContext(context);
  const result = await dialogContext.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(BookAppointmentDialog.id);
  await conversationState.saveChanges(context);
});
await adapter.send('I need a repair').assertReply((reply) => console.log(`answered: ${reply.text}`));
