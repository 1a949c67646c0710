// Holiday arrangements for the calendar tests: 2025 as the State Council gave it, and a SAMPLE for
// 2027 (not the State Council's notice, unknown when these tests were written).
import type { YearHolidays } from '../../domain/calendar.js';

/** 国务院办公厅关于2025年部分节假日安排的通知. */
export const CHINA_HOLIDAYS_2025: YearHolidays & { source: string } = {
  year: 2025,
  holidays: [
    { name: "New Year's Day 元旦", from: '2025-01-01', to: '2025-01-01' },
    { name: 'Spring Festival 春节', from: '2025-01-28', to: '2025-02-04' },
    { name: 'Qingming 清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: 'Labour Day 劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: 'Dragon Boat Festival 端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: 'National Day and Mid-Autumn 国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  source: '国务院办公厅关于2025年部分节假日安排的通知',
};

/** New Year's Day Friday–Sunday, a Spring Festival week, a make-up Saturday and a make-up Sunday. */
export const SAMPLE_2027: YearHolidays & { source: string } = {
  year: 2027,
  holidays: [
    { name: "New Year's Day (sample)", from: '2027-01-01', to: '2027-01-03' },
    { name: 'Spring Festival (sample)', from: '2027-02-06', to: '2027-02-12' },
  ],
  makeUpWorkdays: ['2027-01-30', '2027-02-14'],
  source: 'SAMPLE for the tests, not the State Council notice',
};

/** As loaded: the body of PUT /calendar/holidays/{year} and the command's file (the year is the path's). */
export const bodyOf = ({ year: _year, ...body }: YearHolidays & { source?: string }) => body;
