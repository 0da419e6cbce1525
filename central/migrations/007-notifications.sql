-- 007: notifications to a visitor's phone (docs/notifications.md, issue 16).
-- notify_consents: what the visitor chose on the phone page for one ticket — a channel
-- (sms: a phone number; wechat: a subscription-message openid), the language of the texts
-- and at how many people ahead to be told. One consent per (hall, ticket); withdrawing
-- sets withdrawn_at (nothing is sent after it). The address (phone number or openid) is
-- personal data: address_sealed is AES-256-GCM with central's notify key file, never clear;
-- address_masked is what screens and logs may show (138****1234). purge_after = end of the
-- ticket's service day + the retention setting: the purge deletes the consent and its
-- messages then.
-- notify_messages: the outbox. One row per (hall, ticket, kind, event_key) — a message is
-- decided at most once per event, in the transaction that inserts it. State:
-- queued → sending → sent → delivered | failed; queued/sending → failed | expired (a
-- "come now" message that could not go out before expires_at is dropped, never sent late).
-- The text holds no personal data (number, counter, minutes).
-- notify_reports: delivery reports from a gateway, once per (channel, report_key), kept
-- also when they arrive before the send's answer (applied when the provider id is known).

CREATE TABLE notify_consents (
  consent_id       text PRIMARY KEY,
  hall_id          text NOT NULL REFERENCES halls (hall_id),
  ticket_id        text NOT NULL,
  service_day      text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  address_sealed   text NOT NULL,
  address_masked   text NOT NULL,
  lang             text NOT NULL CHECK (lang IN ('zh-CN', 'en', 'mn-Mong')),
  ahead_threshold  integer NOT NULL CHECK (ahead_threshold BETWEEN 0 AND 200),
  ahead_at_consent integer,
  created_at       bigint NOT NULL,
  updated_at       bigint NOT NULL,
  withdrawn_at     bigint,
  purge_after      bigint NOT NULL,
  CONSTRAINT notify_consents_ticket UNIQUE (hall_id, ticket_id)
);
CREATE INDEX notify_consents_purge ON notify_consents (purge_after);

CREATE TABLE notify_messages (
  message_id         text PRIMARY KEY,
  consent_id         text NOT NULL REFERENCES notify_consents (consent_id) ON DELETE CASCADE,
  hall_id            text NOT NULL,
  ticket_id          text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('ahead', 'called', 'missed')),
  event_key          text NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  lang               text NOT NULL,
  params             jsonb NOT NULL,
  state              text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'expired')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    bigint NOT NULL,
  expires_at         bigint NOT NULL,
  last_error         text,
  provider_id        text,
  created_at         bigint NOT NULL,
  updated_at         bigint NOT NULL,
  sent_at            bigint,
  finished_at        bigint,
  CONSTRAINT notify_messages_once UNIQUE (hall_id, ticket_id, kind, event_key)
);
CREATE INDEX notify_messages_due ON notify_messages (next_attempt_at) WHERE state = 'queued';
CREATE INDEX notify_messages_provider ON notify_messages (channel, provider_id);

CREATE TABLE notify_reports (
  channel      text NOT NULL,
  report_key   text NOT NULL,
  provider_id  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('delivered', 'failed')),
  detail       text,
  reported_at  bigint NOT NULL,
  received_at  bigint NOT NULL,
  applied      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (channel, report_key)
);
CREATE INDEX notify_reports_provider ON notify_reports (channel, provider_id);
