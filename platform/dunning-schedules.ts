// The dunning schedules (issue 14, point 2): one Temporal Schedule per local network, `dunning-<id>`,
// starting that network's dunningRun once on each of its working days at its local run time — the
// business calendar's weekdays, its make-up working days added and its holidays skipped, so ops see
// in the Temporal UI exactly which days it runs. The worker makes sure they exist and match its code
// on start-up (created, or updated in place), so a deploy carries a changed calendar or action.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type CalendarSpec,
  type Client,
  type DayOfWeek,
  type Month,
  type ScheduleSpec,
} from '@temporalio/client';
import { DUNNING_RUN, dunningRunWorkflowId, dunningScheduleId, type DunningRunInput } from '../contracts/dunning.js';
import { LocalNetworkKey } from '../contracts/search-attributes.js';
import { BUILT_IN_HOLIDAYS, calendarFor, type HolidaySchedule } from '../domain/calendar.js';
import { runDaysOf } from '../domain/dunning.js';
import { LOCAL_NETWORK_IDS, type LocalNetworkId } from '../domain/local-networks.js';

const DAYS: readonly DayOfWeek[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const MONTHS: readonly Month[] = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

export interface DunningScheduleSettings {
  taskQueue: string;
  /** The local time of the daily run, 'HH:MM' (China Standard Time), not before 08:00. */
  localTime: string;
  caseCheckSeconds: number;
  /** The holiday arrangements loaded (every year: the schedule runs through them all); built in when absent. */
  holidays?: HolidaySchedule;
}

/**
 * When a network's run runs. The spec is in UTC (no time-zone database needed on the server): a local
 * time from 08:00 on is the same date in UTC, so each local date maps to itself.
 */
export function dunningScheduleSpec(localNetwork: LocalNetworkId, localTime: string, holidays: HolidaySchedule = BUILT_IN_HOLIDAYS): ScheduleSpec {
  const cal = calendarFor(localNetwork, holidays);
  const [h, m] = localTime.split(':').map(Number) as [number, number];
  const utcMinutes = h * 60 + m - cal.utcOffsetMinutes;
  if (!(utcMinutes >= 0 && utcMinutes < 24 * 60)) throw new RangeError(`dunning run time ${localTime} must be from 08:00 local time`);
  const at = { hour: Math.floor(utcMinutes / 60), minute: utcMinutes % 60 };
  const onDate = (date: string, comment: string): CalendarSpec => {
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    return { year: y, month: MONTHS[mo - 1]!, dayOfMonth: d, ...at, comment };
  };
  const days = runDaysOf(cal);
  return {
    calendars: [
      { dayOfWeek: days.weekdays.map((w) => DAYS[w]!), ...at, comment: `working days of ${localNetwork}, ${localTime} local time` },
      ...days.extraDates.map((d) => onDate(d, 'make-up working day (调休上班)')),
    ],
    skip: days.skipDates.map((d) => onDate(d, 'public holiday')),
  };
}

/** Creates each network's schedule, or brings an existing one in line with this code. */
export async function ensureDunningSchedules(
  client: Client,
  settings: DunningScheduleSettings,
  networks: readonly LocalNetworkId[] = LOCAL_NETWORK_IDS,
): Promise<void> {
  for (const localNetwork of networks) {
    const spec = dunningScheduleSpec(localNetwork, settings.localTime, settings.holidays);
    const args: [DunningRunInput] = [
      { localNetwork, caseCheckSeconds: settings.caseCheckSeconds, ...(settings.holidays ? { holidays: settings.holidays } : {}) },
    ];
    const action = {
      type: 'startWorkflow' as const,
      workflowType: DUNNING_RUN,
      workflowId: dunningRunWorkflowId(localNetwork),
      taskQueue: settings.taskQueue,
      args,
      typedSearchAttributes: [{ key: LocalNetworkKey, value: localNetwork }],
      staticSummary: `Dunning run of ${localNetwork}: reminders, suspensions for arrears`,
    };
    // A day's run that is still going when the next is due: the next is skipped, never run twice at once.
    const policies = { overlap: 'SKIP' as const, catchupWindow: '1 day' };
    try {
      await client.schedule.create({ scheduleId: dunningScheduleId(localNetwork), spec, action, policies, state: { note: 'created by the worker' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule
        .getHandle(dunningScheduleId(localNetwork))
        .update((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, ...policies } }));
    }
  }
}

/**
 * Another year's holidays were loaded: the schedules that exist take the days of every loaded year,
 * and their runs the holidays (creating them stays the worker's). Answers how many were updated.
 */
export async function refreshDunningSchedules(
  client: Client,
  localTime: string,
  holidays: HolidaySchedule,
  networks: readonly LocalNetworkId[] = LOCAL_NETWORK_IDS,
): Promise<number> {
  let updated = 0;
  for (const localNetwork of networks) {
    const spec = dunningScheduleSpec(localNetwork, localTime, holidays);
    try {
      // The runs count their grace and notice in the same working days (DunningRunInput.holidays).
      await client.schedule.getHandle(dunningScheduleId(localNetwork)).update((prev) => {
        const [input] = prev.action.args as [DunningRunInput];
        return { ...prev, spec, action: { ...prev.action, args: [{ ...input, holidays }] } };
      });
      updated++;
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }
  return updated;
}
