/** Patterns: upload. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { OBJECT_UPLOAD_FAILED } from '../resolvers.js';
import type { Pattern } from '../types.js';

export const UPLOAD: Pattern[] = [
  {
    id: 'upload.object_storage',
    category: 'upload_error',
    factor: 'object_storage_upload',
    severity: 'high',
    confidence: 0.86,
    priority: 79,
    match: OBJECT_UPLOAD_FAILED,
    title: 'Upload to object storage failed',
    hypothesis:
      'The run finished, but its data could not be shipped to object storage; the cause (credentials, bucket policy, connectivity, object size) is in the storage error, not in the policy or model.',
    fix: "Check the uploader's credentials and bucket policy (a 403/InvalidAccessKeyId/SignatureDoesNotMatch), connectivity and object size limits; retry the upload (multipart for large files).",
    actions: [
      'Read the storage error code (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, EntityTooLarge, a reset)',
      "Check the uploader's credentials, bucket policy and reachability",
      'Retry with multipart upload and backoff; keep a local copy until the upload is confirmed',
    ],
  },
];
