// Notification gateway simulator (SMS and e-mail). Keeps the most recent messages (bounded) and
// exact counts per channel and template.
import { z } from 'zod';
import { createSimulator, refuse, reply, sequentialId, type Simulator, type SimulatorOptions } from './framework.js';

export interface SentMessage {
  messageId: string;
  channel: 'sms' | 'email';
  to: string;
  template: string;
  params: Record<string, string | number | boolean>;
  at: string;
}

export interface NotificationState {
  recent: SentMessage[]; // ring buffer
  sent: number;
  byChannel: Record<string, number>;
  byTemplate: Map<string, number>;
  blockRecipients: Set<string>;
}

export interface NotificationViews {
  sent: number;
  byChannel: Record<string, number>;
  byTemplate: Record<string, number>;
  /** Most recent messages, oldest first (left out in summary mode). */
  messages?: SentMessage[];
}

export const NotificationControl = z.object({
  /** Recipients refused with INVALID_RECIPIENT (replaces the list). */
  blockRecipients: z.array(z.string()).optional(),
});

const MAX_RECENT = 10_000;
const EMAIL = z.email();
const SMS_TO = /^\+?\d{5,15}$/;
const Send = z.object({
  channel: z.enum(['sms', 'email']),
  to: z.string().min(1).max(254),
  template: z.string().min(1).max(100),
  params: z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean()])),
});

export function createNotificationSimulator(opts: SimulatorOptions = {}): Simulator<NotificationState> {
  const sim = createSimulator(
    {
      system: 'notification',
      initialState: (): NotificationState => ({ recent: [], sent: 0, byChannel: { sms: 0, email: 0 }, byTemplate: new Map(), blockRecipients: new Set() }),
      control: NotificationControl,
      applyControl(state, c) {
        if (c.blockRecipients) state.blockRecipients = new Set(c.blockRecipients);
      },
      settings: (state) => ({ blockRecipients: [...state.blockRecipients] }),
      views: (state, summary): NotificationViews => {
        const n = Math.min(state.sent, MAX_RECENT);
        return {
          sent: state.sent,
          byChannel: { ...state.byChannel },
          byTemplate: Object.fromEntries(state.byTemplate),
          ...(summary ? {} : { messages: Array.from({ length: n }, (_, i) => state.recent[(state.sent - n + i) % MAX_RECENT]!) }),
        };
      },
    },
    opts,
  );

  sim.command('post', '/messages', 'send', Send, ({ state, body, record }) => {
    const valid = body.channel === 'sms' ? SMS_TO.test(body.to) : EMAIL.safeParse(body.to).success;
    if (!valid || state.blockRecipients.has(body.to)) return refuse(400, 'INVALID_RECIPIENT', `cannot deliver ${body.channel} to ${body.to}`);
    const messageId = sequentialId('MSG', state.sent + 1);
    state.recent[state.sent % MAX_RECENT] = { messageId, ...body, at: new Date().toISOString() };
    state.sent++;
    state.byChannel[body.channel] = (state.byChannel[body.channel] ?? 0) + 1;
    state.byTemplate.set(body.template, (state.byTemplate.get(body.template) ?? 0) + 1);
    record({ messageId, channel: body.channel, to: body.to, template: body.template });
    return reply({ messageId }, 201);
  });

  return sim;
}
