// The hall LAN API's route table: one declaration per route — method, path, who may call
// it, the request body's type, the query and the reply's type. The server's Router
// (hall/api/router.ts) mounts handlers by these names and enforces the declared terminal
// access; the renderer's ApiClient (renderer/shared/api/client.ts) calls them by name.
// Neither side writes a path or asserts a reply type of its own.
//
// Contract: this file is loaded by the browser. It holds plain data and types only —
// no zod, no Node, no runtime imports (eslint.config.js enforces type-only imports here).
// Request schemas live in hall/api/requests.ts (server only); the compiler checks that
// each schema's output is the body declared here (RequestBodies).
// URLs, status codes and error shapes are the published contract (docs/api.md): add routes,
// never rename a path or a status.
import type {
  AppointmentDTO,
  CheckInRequest,
  CheckInResponse,
  CounterDisplayDTO,
  CounterViewDTO,
  CreateAppointmentRequest,
  DeviceDTO,
  EmulatorActionRequest,
  GuidePrintRequest,
  GuidePrintResponse,
  GuideRejoinRequest,
  HallEventDTO,
  HallInfoDTO,
  ImportAppointmentsRequest,
  ImportAppointmentsResponse,
  IssueTicketRequest,
  IssueTicketResponse,
  KioskAvailabilityDTO,
  KioskFaultsDTO,
  MatterGuideDTO,
  QueueWarningDTO,
  RateRequest,
  RatingDTO,
  RejoinRequest,
  RejoinResponse,
  SignInRequest,
  SimulateResponseDTO,
  SimulationBehaviourDTO,
  StaffSessionDTO,
  TerminalRole,
  TicketClass,
  TestPrintResponse,
  TicketProgressDTO,
  TicketRatingDTO,
  TlsStatusDTO,
  CallSpecificRequest,
  SuspendRequest,
  ResumeSuspendedRequest,
  TransferRequest,
  HelpRequestDTO,
} from './dto.js';
import type { SyncStatusDTO } from './sync-dto.js';
import type { StaffingForecastDTO } from './forecast-dto.js';
import type { HallReportDTO, WallSummaryDTO } from './reports-dto.js';
import type * as Records from './service-records-dto.js';
import type * as BadCases from './bad-rating-cases-dto.js';
import type { FinishSelfServiceRequest, RateServiceRequest, RatingPublicationDTO, SelfServiceDTO } from './ratings-dto.js';
import type {
  AnnounceCounterPauseRequest,
  AnswerUnresolvedCaseRequest,
  CapOffersDTO,
  PostServiceNoticeRequest,
  RecordUnresolvedCaseRequest,
  ServiceDeskDTO,
  ServiceNoticeDTO,
  ServiceNoticesDTO,
  TakeCapOfferRequest,
  TakeCapOfferResponse,
  UnresolvedCaseDTO,
} from './service-desk-dto.js';
import type { RemoteCheckInResponse } from './remote-tickets-dto.js';
import type { RatingUploadStatus } from '../sync/ratings/status.js';
import type { DownlinkStatus } from '../sync/downlink/worker.js';

/** The answer of routes that only confirm. */
export interface OkResponse {
  ok: true;
}

export interface HealthDTO {
  ok: true;
  hallId: string;
  serviceDay: string;
  now: number;
  lastSeq: number;
}

export interface EnrolRequest {
  terminalId: string;
  code: string;
}

export interface EnrolResponse {
  terminalId: string;
  role: TerminalRole;
  counterId: string | null;
  /** The terminal's long-lived bearer token: store it, never show or log it. */
  token: string;
  /** The terminal's page, relative to the hall's origin. */
  page: string;
}

/** A one-time enrolment code, shown once to the manager. */
export interface EnrolmentCodeResponse {
  terminalId: string;
  code: string;
  expiresAt: number;
  /** The page address with the code in its fragment, relative to the hall's origin. */
  page: string;
}

/** A configured terminal on the admin page's enrolment panel. */
export interface TerminalRowDTO {
  id: string;
  role: TerminalRole;
  counterId: string | null;
  name: string;
  page: string;
}

/** A calling policy a simulation may name. */
export interface PolicySummaryDTO {
  id: string;
  name: string;
  mode: 'strict' | 'ratio';
  classOrder: TicketClass[];
  ratio: { priority: number; walkIn: number };
  maxWaitMinutes: number | null;
  queueOrder: 'oldest_first' | 'listed' | 'weighted';
}

/** POST /api/v1/admin/simulate: a policy by id or inline; scale defaults to 1. */
export interface SimulateRequest {
  seed: number;
  policyA: string | Record<string, unknown>;
  policyB: string | Record<string, unknown>;
  scale?: number;
  day?: string;
  /** Visitor behaviour over the defaults (no-shows, recalls, transfers, suspensions, walking); docs/simulator.md. */
  behaviour?: Partial<SimulationBehaviourDTO>;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A route that reads no body (GET, DELETE, and POSTs whose body is ignored). */
export type NoBody = null;
/** A POST whose body must be an empty JSON object (or empty): the server refuses extra fields (400). */
export type EmptyBody = Record<string, never>;

/**
 * Who may call a route. `public`: anyone (no token read). Otherwise a registered terminal
 * (`terminals`: the roles allowed, or 'any'), checked by the Router before the handler runs
 * (401 unauthenticated without a valid token, 403 forbidden for another role).
 * `staff`: 'session' — the Router also requires a staff session opened on this terminal
 * (X-Staff-Session, else 401); 'handler' — the handler checks a session itself because the
 * rule is special (a counter's session must be for that counter and its signed-in staff);
 * absent — no staff session. Ownership (a counter terminal acts on its own counter) and
 * staff roles (a manager, a guide) are always the handler's.
 */
export type Access = 'public' | { readonly terminals: 'any' | readonly TerminalRole[]; readonly staff?: 'session' | 'handler' };

export interface RouteDecl<M extends HttpMethod = HttpMethod, P extends string = string, A extends Access = Access, Body = unknown, Reply = unknown, Query = unknown> {
  readonly method: M;
  readonly path: P;
  readonly access: A;
  /** The status of a successful answer. */
  readonly status: number;
  /**
   * What a successful answer is: 'json' (the reply type), or 'file' — the handler writes a file
   * itself (Content-Disposition: attachment; the renderer's ApiClient.download) and returns
   * { ok: true }. Errors are JSON (ApiErrorBody) either way.
   */
  readonly answers: 'json' | 'file';
  /** Types only, never set: what the body, reply and query are. */
  readonly types?: { body: Body; reply: Reply; query: Query };
}

/** Declares a route: `route<Body, Reply, Query>()({ method, path, access })` (types first, literals inferred). */
function route<Body = NoBody, Reply = OkResponse, Query = Record<string, never>>() {
  return <const M extends HttpMethod, const P extends string, const A extends Access>(decl: { method: M; path: P; access: A; status?: number; answers?: 'json' | 'file' }): RouteDecl<M, P, A, Body, Reply, Query> => ({
    method: decl.method,
    path: decl.path,
    access: decl.access,
    status: decl.status ?? 200,
    answers: decl.answers ?? 'json',
  });
}

const anyTerminal = { terminals: 'any' } as const;
const kiosk = { terminals: ['kiosk'] } as const;
const adminSession = { terminals: ['admin'], staff: 'session' } as const;
const counterStaff = { terminals: ['counter'], staff: 'handler' } as const;

/** The counter actions of POST /api/v1/counters/:counterId/actions/:action. */
export const COUNTER_ACTION_PATHS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'pause', 'resume', 'call-specific', 'suspend', 'resume-suspended'] as const;
export type CounterActionPath = (typeof COUNTER_ACTION_PATHS)[number];
/** The body of a counter action, by action (the handler validates it against that action's schema). */
export type CounterActionBody<A extends CounterActionPath = CounterActionPath> = A extends 'transfer'
  ? TransferRequest
  : A extends 'call-specific'
    ? CallSpecificRequest
    : A extends 'suspend'
      ? SuspendRequest
      : A extends 'resume-suspended'
        ? ResumeSuspendedRequest
        : EmptyBody;

/** The answer of GET /api/v1/admin/rating-uploads. */
export type RatingUploadsDTO = ({ configured: true } & RatingUploadStatus) | { configured: false; now: number };

export const routes = {
  health: route<NoBody, HealthDTO>()({ method: 'GET', path: '/api/v1/health', access: 'public' }),

  // Every terminal; kiosks (hall/api/routes/kiosk.ts, appointments' check-in, devices, guides).
  hall: route<NoBody, HallInfoDTO>()({ method: 'GET', path: '/api/v1/hall', access: anyTerminal }),
  events: route<NoBody, HallEventDTO[], { since?: number; limit?: number }>()({ method: 'GET', path: '/api/v1/events', access: anyTerminal }),
  kioskAvailability: route<NoBody, KioskAvailabilityDTO>()({ method: 'GET', path: '/api/v1/kiosk/availability', access: kiosk }),
  issueTicket: route<IssueTicketRequest, IssueTicketResponse>()({ method: 'POST', path: '/api/v1/tickets', access: kiosk, status: 201 }),
  ticketProgress: route<NoBody, TicketProgressDTO, { key: string }>()({ method: 'GET', path: '/api/v1/tickets/:id/progress', access: 'public' }),
  checkIn: route<CheckInRequest, CheckInResponse>()({ method: 'POST', path: '/api/v1/kiosk/check-in', access: kiosk, status: 201 }),
  remoteCheckIn: route<CheckInRequest, RemoteCheckInResponse>()({ method: 'POST', path: '/api/v1/kiosk/remote-check-in', access: kiosk, status: 201 }),
  clearCard: route<EmptyBody, OkResponse>()({ method: 'POST', path: '/api/v1/kiosk/card/clear', access: kiosk }),
  matterGuide: route<NoBody, MatterGuideDTO>()({ method: 'GET', path: '/api/v1/matters/:matterId/guide', access: { terminals: ['kiosk', 'counter', 'admin'] } }),
  guidePrint: route<GuidePrintRequest, GuidePrintResponse>()({ method: 'POST', path: '/api/v1/kiosk/guide-print', access: kiosk }),
  /** A guide on a visitor's phone (the kiosk's QR code): public information, no token. */
  phoneGuide: route<NoBody, MatterGuideDTO>()({ method: 'GET', path: '/api/v1/public/matters/:matterId/guide', access: 'public' }),

  // Counters (hall/api/routes/counter.ts): a counter terminal on its own counter, with its staff session.
  counterSignIn: route<SignInRequest, StaffSessionDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/session', access: { terminals: ['counter'] } }),
  counterSignOut: route<NoBody, OkResponse>()({ method: 'DELETE', path: '/api/v1/counters/:counterId/session', access: counterStaff }),
  counterView: route<NoBody, CounterViewDTO>()({ method: 'GET', path: '/api/v1/counters/:counterId', access: counterStaff }),
  counterAction: route<CounterActionBody, CounterViewDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/actions/:action', access: counterStaff }),
  counterRejoin: route<RejoinRequest, RejoinResponse>()({ method: 'POST', path: '/api/v1/counters/:counterId/rejoin', access: counterStaff }),
  guideRejoin: route<GuideRejoinRequest, RejoinResponse>()({ method: 'POST', path: '/api/v1/rejoin', access: { terminals: ['kiosk', 'admin'] } }),
  counterDisplay: route<NoBody, CounterDisplayDTO>()({ method: 'GET', path: '/api/v1/counters/:counterId/display', access: { terminals: ['counter_display', 'counter', 'admin'] } }),
  rate: route<RateRequest, RatingDTO>()({ method: 'POST', path: '/api/v1/ratings/:ratingId', access: { terminals: ['counter_display'] } }),
  // Every channel rated, one rating per service (hall/api/routes/channel-ratings.ts): the ticket's QR page, the
  // 24-hour zone's self-service terminals; and the public 评价公示 of a period (hall/ratings/publication.ts).
  rateTicket: route<RateServiceRequest, TicketRatingDTO, { key: string }>()({ method: 'POST', path: '/api/v1/tickets/:id/rating', access: 'public' }),
  finishSelfService: route<FinishSelfServiceRequest, SelfServiceDTO>()({ method: 'POST', path: '/api/v1/kiosk/self-service', access: kiosk, status: 201 }),
  rateSelfService: route<RateServiceRequest, TicketRatingDTO>()({ method: 'POST', path: '/api/v1/kiosk/self-service/:id/rating', access: kiosk }),
  ratingPublication: route<NoBody, RatingPublicationDTO, { from?: string; to?: string }>()({ method: 'GET', path: '/api/v1/public/ratings', access: 'public' }),

  // Public: a terminal's enrolment (hall/api/routes/enrolment.ts).
  enrol: route<EnrolRequest, EnrolResponse>()({ method: 'POST', path: '/api/v1/enrol', access: 'public' }),

  // Admin page: the admin terminal; all but the sign-in with a staff session.
  adminSignIn: route<SignInRequest, StaffSessionDTO>()({ method: 'POST', path: '/api/v1/admin/session', access: { terminals: ['admin'] } }),
  adminRatings: route<NoBody, RatingDTO[], { day?: string }>()({ method: 'GET', path: '/api/v1/admin/ratings', access: adminSession }),
  devices: route<NoBody, DeviceDTO[]>()({ method: 'GET', path: '/api/v1/admin/devices', access: adminSession }),
  testPrint: route<EmptyBody, TestPrintResponse, { terminal?: string }>()({ method: 'POST', path: '/api/v1/admin/devices/:deviceId/test-print', access: adminSession }),
  emulator: route<EmulatorActionRequest, DeviceDTO, { terminal?: string }>()({ method: 'POST', path: '/api/v1/admin/devices/:deviceId/emulator', access: adminSession }),
  appointments: route<NoBody, AppointmentDTO[], { day?: string }>()({ method: 'GET', path: '/api/v1/admin/appointments', access: adminSession }),
  createAppointment: route<CreateAppointmentRequest, AppointmentDTO>()({ method: 'POST', path: '/api/v1/admin/appointments', access: adminSession, status: 201 }),
  importAppointments: route<ImportAppointmentsRequest, ImportAppointmentsResponse>()({ method: 'POST', path: '/api/v1/admin/appointments/import', access: adminSession, status: 201 }),
  cancelAppointment: route<EmptyBody, AppointmentDTO>()({ method: 'POST', path: '/api/v1/admin/appointments/:id/cancel', access: adminSession }),
  queueWarnings: route<NoBody, QueueWarningDTO[]>()({ method: 'GET', path: '/api/v1/admin/queue-warnings', access: adminSession }),
  kioskFaults: route<NoBody, KioskFaultsDTO>()({ method: 'GET', path: '/api/v1/admin/kiosk-faults', access: adminSession }),
  syncStatus: route<NoBody, SyncStatusDTO>()({ method: 'GET', path: '/api/v1/admin/sync', access: adminSession }),
  datasets: route<NoBody, DownlinkStatus>()({ method: 'GET', path: '/api/v1/admin/datasets', access: adminSession }),
  ratingUploads: route<NoBody, RatingUploadsDTO>()({ method: 'GET', path: '/api/v1/admin/rating-uploads', access: adminSession }),
  requeueRatingUpload: route<NoBody, OkResponse>()({ method: 'POST', path: '/api/v1/admin/rating-uploads/:ratingId/requeue', access: adminSession }),
  simulatePolicies: route<NoBody, PolicySummaryDTO[]>()({ method: 'GET', path: '/api/v1/admin/simulate/policies', access: adminSession }),
  simulate: route<SimulateRequest, SimulateResponseDTO>()({ method: 'POST', path: '/api/v1/admin/simulate', access: adminSession }),
  staffingForecast: route<NoBody, StaffingForecastDTO, { backtest?: string }>()({ method: 'GET', path: '/api/v1/admin/forecast', access: adminSession }),
  /** The manager's report (docs/reports.md); the export answers a CSV or XLSX file, not JSON. */
  hallReport: route<NoBody, HallReportDTO, { from?: string; to?: string; by?: string }>()({ method: 'GET', path: '/api/v1/admin/reports', access: adminSession }),
  hallReportExport: route<NoBody, OkResponse, { from?: string; to?: string; by?: string; format?: string }>()({ method: 'GET', path: '/api/v1/admin/reports/export', access: adminSession, answers: 'file' }),
  /** The hall wall dashboard's figures (docs/wall.md): the wall's own terminal or the admin page. */
  wallSummary: route<NoBody, WallSummaryDTO>()({ method: 'GET', path: '/api/v1/wall', access: { terminals: ['wall', 'admin'] } }),
  terminals: route<NoBody, TerminalRowDTO[]>()({ method: 'GET', path: '/api/v1/admin/terminals', access: adminSession }),
  enrolmentCode: route<NoBody, EnrolmentCodeResponse>()({ method: 'POST', path: '/api/v1/admin/terminals/:terminalId/enrolment-code', access: adminSession }),
  tlsStatus: route<NoBody, TlsStatusDTO>()({ method: 'GET', path: '/api/v1/admin/tls', access: adminSession }),

  // Service desk (hall/api/routes/service-desk.ts, docs/service-desk.md): daily-cap offers, pause notices, 办不成事 cases.
  capOffers: route<NoBody, CapOffersDTO, { matterId: string }>()({ method: 'GET', path: '/api/v1/kiosk/cap-offers', access: kiosk }),
  takeCapOffer: route<TakeCapOfferRequest, TakeCapOfferResponse>()({ method: 'POST', path: '/api/v1/kiosk/cap-offers', access: kiosk, status: 201 }),
  serviceNotices: route<NoBody, ServiceNoticesDTO>()({ method: 'GET', path: '/api/v1/notices', access: anyTerminal }),
  postServiceNotice: route<PostServiceNoticeRequest, ServiceNoticeDTO>()({ method: 'POST', path: '/api/v1/admin/notices', access: adminSession, status: 201 }),
  withdrawServiceNotice: route<EmptyBody, OkResponse>()({ method: 'POST', path: '/api/v1/admin/notices/:noticeId/withdraw', access: adminSession }),
  announceCounterPause: route<AnnounceCounterPauseRequest, ServiceNoticeDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/pause-notices', access: counterStaff, status: 201 }),
  recordUnresolvedCase: route<RecordUnresolvedCaseRequest, UnresolvedCaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/unresolved-cases', access: counterStaff, status: 201 }),
  serviceDesk: route<NoBody, ServiceDeskDTO>()({ method: 'GET', path: '/api/v1/admin/service-desk', access: adminSession }),
  answerUnresolvedCase: route<AnswerUnresolvedCaseRequest, UnresolvedCaseDTO>()({ method: 'POST', path: '/api/v1/admin/unresolved-cases/:caseId/answer', access: adminSession }),

  // Service records (hall/api/routes/service-records.ts, docs/service-records.md): 首问负责 / 容缺受理 / 限时办结 cases, complaints, 上门服务, 帮办代办.
  caseOpen: route<Records.OpenCaseRequest, Records.CaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases', access: counterStaff, status: 201 }),
  counterCases: route<NoBody, Records.CounterCasesDTO, { q?: string }>()({ method: 'GET', path: '/api/v1/counters/:counterId/cases', access: counterStaff }),
  caseHandOver: route<Records.HandOverCaseRequest, Records.CaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases/:caseId/hand-over', access: counterStaff }),
  caseAcceptPending: route<Records.AcceptPendingRequest, Records.AcceptPendingResponse>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases/:caseId/accept-pending', access: counterStaff }),
  caseSupplied: route<EmptyBody, Records.CaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases/:caseId/materials-supplied', access: counterStaff }),
  caseAccept: route<EmptyBody, Records.CaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases/:caseId/accept', access: counterStaff }),
  caseComplete: route<EmptyBody, Records.CaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/cases/:caseId/complete', access: counterStaff }),
  kioskComplaint: route<Records.ComplaintRequest, Records.ComplaintDTO>()({ method: 'POST', path: '/api/v1/kiosk/complaints', access: kiosk, status: 201 }),
  counterComplaint: route<Records.ComplaintRequest, Records.ComplaintDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/complaints', access: counterStaff, status: 201 }),
  kioskHomeVisit: route<Records.HomeVisitRequest, Records.HomeVisitDTO>()({ method: 'POST', path: '/api/v1/kiosk/home-visits', access: kiosk, status: 201 }),
  counterHomeVisit: route<Records.HomeVisitRequest, Records.HomeVisitDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/home-visits', access: counterStaff, status: 201 }),
  guideAssist: route<Records.AssistRequest, Records.AssistDTO>()({ method: 'POST', path: '/api/v1/assists', access: { terminals: ['kiosk', 'admin'] }, status: 201 }),
  counterAssist: route<{ kind: 'proxy_auth' | 'proxy_handle' }, Records.AssistDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/assist', access: counterStaff }),
  adminCases: route<NoBody, Records.CaseListDTO>()({ method: 'GET', path: '/api/v1/admin/cases', access: adminSession }),
  adminComplaints: route<NoBody, Records.ComplaintDTO[]>()({ method: 'GET', path: '/api/v1/admin/complaints', access: adminSession }),
  replyComplaint: route<Records.ComplaintReplyRequest, Records.ComplaintDTO>()({ method: 'POST', path: '/api/v1/admin/complaints/:complaintId/reply', access: adminSession }),
  adminHomeVisits: route<NoBody, Records.HomeVisitsDTO>()({ method: 'GET', path: '/api/v1/admin/home-visits', access: adminSession }),
  homeVisitAction: route<Records.HomeVisitActionRequest, Records.HomeVisitDTO>()({ method: 'POST', path: '/api/v1/admin/home-visits/:visitId/action', access: adminSession }),
  adminAssists: route<NoBody, Records.AssistSummaryDTO, { day?: string }>()({ method: 'GET', path: '/api/v1/admin/assists', access: adminSession }),

  // 差评 follow-up (hall/api/routes/bad-rating-cases.ts, docs/bad-rating-cases.md): reason tags after a bad rating, the manager's cases, the counter's appeal.
  badRatingTags: route<NoBody, BadCases.ReasonTagsDTO>()({ method: 'GET', path: '/api/v1/ratings/:ratingId/reason-tags', access: { terminals: ['counter_display'] } }),
  tagBadRating: route<BadCases.ReasonTagsRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/ratings/:ratingId/reason-tags', access: { terminals: ['counter_display'] } }),
  adminBadRatingCases: route<NoBody, BadCases.BadRatingCasesDTO>()({ method: 'GET', path: '/api/v1/admin/bad-rating-cases', access: adminSession }),
  assignBadRatingCase: route<BadCases.AssignCaseRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/admin/bad-rating-cases/:caseId/assign', access: adminSession }),
  badRatingCaseContact: route<NoBody, BadCases.CaseContactDTO>()({ method: 'GET', path: '/api/v1/admin/bad-rating-cases/:caseId/contact', access: adminSession }),
  revisitBadRatingCase: route<BadCases.RecordRevisitRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/admin/bad-rating-cases/:caseId/revisit', access: adminSession }),
  resolveBadRatingCase: route<BadCases.ResolveCaseRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/admin/bad-rating-cases/:caseId/resolve', access: adminSession }),
  reviewBadRatingCase: route<BadCases.ReviewCaseRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/admin/bad-rating-cases/:caseId/review', access: adminSession }),
  decideBadRatingAppeal: route<BadCases.DecideAppealRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/admin/bad-rating-cases/:caseId/appeal-decision', access: adminSession }),
  counterBadRatingCases: route<NoBody, BadCases.BadRatingCasesDTO>()({ method: 'GET', path: '/api/v1/counters/:counterId/bad-rating-cases', access: counterStaff }),
  appealBadRatingCase: route<BadCases.AppealCaseRequest, BadCases.BadRatingCaseDTO>()({ method: 'POST', path: '/api/v1/counters/:counterId/bad-rating-cases/:caseId/appeal', access: counterStaff }),

  // 呼叫工作人员 (hall/api/routes/help.ts): a kiosk alerts the guide's station; staff acknowledge on the admin page.
  helpRequest: route<EmptyBody, HelpRequestDTO>()({ method: 'POST', path: '/api/v1/kiosk/help', access: kiosk, status: 201 }),
  helpRequests: route<NoBody, HelpRequestDTO[]>()({ method: 'GET', path: '/api/v1/admin/help', access: adminSession }),
  acknowledgeHelp: route<EmptyBody, HelpRequestDTO>()({ method: 'POST', path: '/api/v1/admin/help/:id/acknowledge', access: adminSession }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type TypesOf<K extends RouteName> = NonNullable<Routes[K]['types']>;
export type BodyOf<K extends RouteName> = TypesOf<K>['body'];
export type ReplyOf<K extends RouteName> = TypesOf<K>['reply'];
export type QueryOf<K extends RouteName> = TypesOf<K>['query'];

type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}` ? N | ParamNames<`/${Rest}`> : P extends `${string}:${infer N}` ? N : never;
/** The path parameters of a route, e.g. { counterId: string; action: string } for …/counters/:counterId/actions/:action. */
export type ParamsOf<K extends RouteName> = { [N in ParamNames<Routes[K]['path']>]: string };

/** The routes that take a request body. */
export type RoutesWithBody = { [K in RouteName]: [BodyOf<K>] extends [NoBody] ? never : K }[RouteName];

/** The concrete path of a route: each ":name" replaced by its percent-encoded parameter. */
export function pathOf<K extends RouteName>(name: K, params: ParamsOf<K> | undefined): string {
  const values = (params ?? {}) as Record<string, string | undefined>;
  return routes[name].path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`route ${name} needs the path parameter "${key}"`);
    return encodeURIComponent(value);
  });
}
