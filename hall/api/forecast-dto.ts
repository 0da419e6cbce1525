// The staffing forecast's wire shape (GET /api/v1/admin/forecast; hall/forecast/, docs/forecast.md),
// shared with the admin page through hall/api/contract.ts. Types only.
export type { HallForecast as StaffingForecastDTO, ForecastDayResult as ForecastDayDTO } from '../forecast/forecast.js';
export type { StaffingResult as ForecastStaffingDTO, SlotStaffing as ForecastSlotDTO } from '../forecast/staffing.js';
export type { Backtest as ForecastBacktestDTO } from '../forecast/backtest.js';
