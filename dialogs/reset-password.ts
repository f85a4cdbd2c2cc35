import { defineDialog } from 'parley-sdk';

export const resetPassword = defineDialog<{ email: string }>({
  intent: 'ResetPassword',
  title: 'reset your password',
  fulfil: ({ email }) => `Done! I've sent a password reset link to ${email}. It's valid for 30 minutes.`,
});
