import { createHash } from 'node:crypto';
import { defineDialog, weekdayOf } from 'parley-sdk';

type Appointment = { service: string; date: string; time: string };

export const bookAppointment = defineDialog<Appointment>({
  intent: 'BookAppointment',
  title: 'book a technician visit',
  resumeTitle: 'your technician visit booking',
  slots: {
    date: {
      validate: (date, { today }) => {
        if (String(date) < today) return "I can't book a day that has already passed.";
        if (weekdayOf(String(date)) === 0) return "Our technicians don't work on Sundays.";
      },
    },
    time: {
      validate: (time) => {
        if (String(time) < '08:00' || String(time) > '18:00') return 'Visits can start between 8am and 6pm.';
      },
    },
  },
  queue: ({ service }) => (service === 'repair' ? 'TechSupport' : 'General'),
  // "Actually make it Friday" after the booking offers to move it; "yes" books it again, changed.
  changeable: 'Your {service} visit is booked for {date} at {time}. Do you want to change it to {change}?',
  fulfil: ({ service, date, time }, { conversationId, change }) => {
    const code = createHash('sha256').update(`${conversationId}|${service}|${date}|${time}`).digest('hex').slice(0, 6).toUpperCase();
    if (change) return `Done! Your ${service} visit is changed. Your new confirmation code is ${code}.`;
    return `You're booked! Your ${service} visit is confirmed. Your confirmation code is ${code}.`;
  },
});
