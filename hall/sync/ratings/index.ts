// Public surface of the 好差评 rating upload (docs/rating-upload.md).
export * from '../../../protocol/central/ratings/profiles/index.js';
export * from '../../../protocol/central/ratings/state-machine.js';
export { RatingUploader, type RatingDestination, type RatingOutboxStore, type RunSummary } from '../../../protocol/central/ratings/uploader.js';
export { ProvincialDestination, PROVINCIAL_PATHS, type ProvincialCredentials } from '../../../protocol/central/ratings/provincial-client.js';
export { CentralDestination } from './destinations/central-client.js';
export { SqliteRatingOutbox, type HallRatingContext } from './sqlite-outbox.js';
export { RatingUploadWorker, type RunReport } from './worker.js';
export { readRatingUploadStatus, type RatingUploadStatus, type RatingUploadProblem } from './status.js';
export { createRatingUploadWorker, createDestination, hallRatingContext, type HallPartsForRatings } from './create.js';
