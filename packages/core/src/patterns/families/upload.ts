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
  {
    id: 'upload.too_large',
    category: 'upload_error',
    factor: 'object_storage_upload',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    // A store refusing an upload or a push for its size names no cause but the upload itself
    // (docs/taxonomy.md, rule 1; a model request too large for a tokens-per-minute limit is the
    // rate limit, one too long for the window the context).
    needs: ['too large', 'size limit', 'maximum allowed', 'entitytoolarge', '413'],
    match:
      /(413 Client Error: (?:Payload|Request Entity) Too Large for url: https?:\/\/[^\s]{0,40}(?:huggingface\.co|\/upload|\/commit|\/preupload|\/lfs|amazonaws\.com|storage\.googleapis\.com|blob\.core\.windows\.net)[^\s]{0,120}|(?:upload(?:ing|ed)?|push(?:ing)?|commit(?:ting)?|PutObject|put_object|artifact)\b[^\n]{0,120}(?:\b413\b|(?:Payload|Request Entity) Too Large|\bEntityTooLarge\b|file size limit|exceeds the maximum allowed (?:file |upload |object )?size)[^\n]{0,40}|this exceeds GitHub's file size limit[^\n]{0,40}|Your proposed upload exceeds the maximum allowed (?:object )?size)/i,
    unless: /tokens per minute|\bTPM\b|rate_limit_exceeded|context (?:length|window)/i,
    title: 'Upload refused for its size',
    hypothesis:
      'The store refused the file or request for its size (413 Payload Too Large, EntityTooLarge, a per-file limit): the data was not shipped.',
    fix: 'Split the upload (multipart, chunked or LFS upload), raise the limit where it is yours to set (a proxy, a bucket policy), or ship a smaller artifact.',
    actions: ['Compare the size of the file with the limit the store names', 'Use the multipart / LFS upload path of the client'],
  },
];
