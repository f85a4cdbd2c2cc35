// The BookAppointment task as a botbuilder developer would write it: a ComponentDialog whose
// waterfall asks for service, date and time through validated TextPrompts, then confirms.
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  ConfirmPrompt,
  type DialogTurnResult,
  type PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';

export interface Appointment {
  service: string;
  date: string;
  time: string;
}

/** The booking backend the dialog calls; returns a confirmation code. */
export type BookAppointment = (context: TurnContext, appointment: Appointment) => string;

export const prompts = {
  service: 'Which service do you need: repair, maintenance or installation?',
  date: 'Which day would you like (YYYY-MM-DD)? We are open Monday to Saturday.',
  time: 'What time? We are open from 08:00 to 18:00.',
  confirm: (appointment: Appointment) => `Shall I book ${appointment.service} on ${appointment.date} at ${appointment.time}?`,
  booked: (code: string) => `Booked. Your confirmation code is ${code}.`,
  cancelled: 'OK, I have not booked anything.',
};

const services = new Set(['repair', 'maintenance', 'installation']);
// "Today" is fixed so that the benchmark always runs the same flow.
const today = '2030-03-04';

export class BookAppointmentDialog extends ComponentDialog {
  static readonly id = 'bookAppointment';

  constructor(private readonly book: BookAppointment) {
    super(BookAppointmentDialog.id);
    this.addDialog(new TextPrompt('servicePrompt', validateService))
      .addDialog(new TextPrompt('datePrompt', validateDate))
      .addDialog(new TextPrompt('timePrompt', validateTime))
      .addDialog(new ConfirmPrompt('confirmPrompt', undefined, 'en-us'))
      .addDialog(
        new WaterfallDialog('bookAppointmentSteps', [
          this.askService.bind(this),
          this.askDate.bind(this),
          this.askTime.bind(this),
          this.askConfirmation.bind(this),
          this.finish.bind(this),
        ]),
      );
    this.initialDialogId = 'bookAppointmentSteps';
  }

  private async askService(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt('servicePrompt', { prompt: prompts.service, retryPrompt: `Sorry, I did not get that. ${prompts.service}` });
  }

  private async askDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    valuesOf(step).service = step.result as string;
    return step.prompt('datePrompt', { prompt: prompts.date, retryPrompt: `That day does not work. ${prompts.date}` });
  }

  private async askTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    valuesOf(step).date = step.result as string;
    return step.prompt('timePrompt', { prompt: prompts.time, retryPrompt: `That time does not work. ${prompts.time}` });
  }

  private async askConfirmation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    valuesOf(step).time = step.result as string;
    return step.prompt('confirmPrompt', { prompt: prompts.confirm(appointmentOf(step)) });
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== true) {
      await step.context.sendActivity(prompts.cancelled);
      return step.endDialog({ booked: false });
    }
    const code = this.book(step.context, appointmentOf(step));
    await step.context.sendActivity(prompts.booked(code));
    return step.endDialog({ booked: true, code });
  }
}

// The waterfall persists step.values with the dialog; it is typed as a bare object.
function valuesOf(step: WaterfallStepContext): Partial<Appointment> {
  return step.values as Partial<Appointment>;
}

function appointmentOf(step: WaterfallStepContext): Appointment {
  const { service = '', date = '', time = '' } = valuesOf(step);
  return { service, date, time };
}

async function validateService(prompt: PromptValidatorContext<string>): Promise<boolean> {
  return services.has(prompt.recognized.value?.trim().toLowerCase() ?? '');
}

async function validateDate(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const text = prompt.recognized.value?.trim() ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const isRealDate = day.toISOString().slice(0, 10) === text;
  return isRealDate && text >= today && day.getUTCDay() !== 0;
}

async function validateTime(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const match = /^(\d{2}):(\d{2})$/.exec(prompt.recognized.value?.trim() ?? '');
  if (!match) return false;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes >= 8 * 60 && minutes <= 18 * 60;
}
