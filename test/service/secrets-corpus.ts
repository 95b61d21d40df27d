/**
 * Secrets of many kinds, as they show up in real failure text (all values are made up), each
 * with the distinctive parts (`needles`) that must never be found again once stored: not the
 * whole, nor any run of 12 of its characters. Shared by the hostile-secrets service test.
 */

export interface Secret {
  kind: string;
  /** The secret in the context it is usually found in (one line unless it is a key block). */
  text: string;
  /** Its distinctive parts: none may survive, nor any 12-character run of them. */
  needles: string[];
}

const PGP_BODY = 'lQOYBF8xYz0BCADk9Jq3Lm2Np4Qr6St8Uv0Wx2Yz4Ab6Cd8Ef0Gh2Ij4Kl6Mn8Op0Qs';
const SSH_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const RSA_BODY = 'MIIEpAIBAAKCAQEA7v1Xq9Rw2Lm4Np6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij6Kl8Mn0';
const GCP_BODY = 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDGcp7Xk2Lq9RwZ';

export const SECRETS: Secret[] = [
  {
    kind: 'OpenAI project key',
    text: 'openai.AuthenticationError: Incorrect API key provided: sk-proj-Q7fLk2mZ9xR4tW8yB3nV6cJ1hG5dS0aP2eU7iO9kL3mN',
    needles: ['Q7fLk2mZ9xR4tW8yB3nV6cJ1hG5dS0aP2eU7iO9kL3mN'],
  },
  {
    kind: 'Anthropic key',
    text: 'ANTHROPIC_API_KEY is sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeAbCdEfGhIjKlMnOp-QwErTyAA',
    needles: ['Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeAbCdEfGhIjKlMnOp-QwErTyAA'],
  },
  {
    kind: 'Google API key',
    text: 'GET https://generativelanguage.googleapis.com/v1/models?key=AIzaSyD4kR7vGt5Hy6Ju7Ki8Lo9Pm0Nb1Vc2Xz3 -> 403',
    needles: ['SyD4kR7vGt5Hy6Ju7Ki8Lo9Pm0Nb1Vc2Xz3'],
  },
  {
    kind: 'Google OAuth access token',
    text: 'refreshing ya29.a0AfB_byC3kLmN8pQrS2tUvW4xYz6AbCd8EfGh0IjKl failed',
    needles: ['a0AfB_byC3kLmN8pQrS2tUvW4xYz6AbCd8EfGh0IjKl'],
  },
  {
    kind: 'Google OAuth client secret',
    text: 'oauth client configured with 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h',
    needles: ['Vb8Nm2Qw4Er6Ty8Ui0Op2As4Df6Gh'],
  },
  {
    kind: 'GCP service account key (JSON, escaped newlines)',
    text: `{"type": "service_account", "private_key_id": "4f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d5c4b3a21", "private_key": "-----BEGIN PRIVATE KEY-----\\n${GCP_BODY}\\n-----END PRIVATE KEY-----\\n"}`,
    needles: [GCP_BODY, '4f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d5c4b3a21'],
  },
  {
    kind: 'GitHub classic token',
    text: 'git clone https://x-access-token:ghp_R4nD0mT0k3nV4lu3F0rT3st1ngXyZ1234567@github.com/acme/fleet.git failed',
    needles: ['R4nD0mT0k3nV4lu3F0rT3st1ngXyZ1234567'],
  },
  {
    kind: 'GitHub fine-grained token',
    text: 'GH_TOKEN github_pat_11QWERTYU0zyxwvutsrqpo_Lk9Jh8Gf7Ds6Ap5Zo4Xi3Cu2Vy1Bt0Nr9Me8Lw7Kq6Js5Hp4Gn3Fm2Dl1 rejected',
    needles: ['11QWERTYU0zyxwvutsrqpo_Lk9Jh8Gf7Ds6Ap5Zo4Xi3Cu2Vy1Bt0Nr9Me8Lw7Kq6Js5Hp4Gn3Fm2Dl1'],
  },
  {
    kind: 'GitLab token',
    text: 'PRIVATE-TOKEN glpat-Xy9Zk3Lm7Np2Qr5St8Uv is expired',
    needles: ['Xy9Zk3Lm7Np2Qr5St8Uv'],
  },
  {
    kind: 'Slack bot token',
    text: 'slack_sdk.errors.SlackApiError: invalid_auth for xoxb-2048163870-4096327741-Rk7Lq2Wm9Xn3Bt6Yc8Pj1Hs5',
    needles: ['2048163870-4096327741-Rk7Lq2Wm9Xn3Bt6Yc8Pj1Hs5'],
  },
  {
    kind: 'Slack webhook URL',
    text: 'POST https://hooks.slack.com/services/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 returned 404',
    needles: ['T0A1B2C3D/B4E5F6G7H/Qw3rTy7uIo9pAs2dFg5hJk8l'],
  },
  {
    kind: 'Stripe secret key',
    text: 'stripe.error.AuthenticationError: Invalid API Key provided: sk_live_51HqZ8kLmN2pQrS4tUvW6xYz8AbCd0EfGh',
    needles: ['51HqZ8kLmN2pQrS4tUvW6xYz8AbCd0EfGh'],
  },
  {
    kind: 'Hugging Face token',
    text: 'huggingface_hub.errors.HfHubHTTPError: 401 for token hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234567890',
    needles: ['QwErTyUiOpAsDfGhJkLzXcVbNm1234567890'],
  },
  {
    kind: 'AWS access key id',
    text: 'botocore.exceptions.ClientError: The AWS Access Key Id AKIAZ7Q3WXYV5R2T8U4M you provided does not exist',
    needles: ['AKIAZ7Q3WXYV5R2T8U4M'],
  },
  {
    kind: 'AWS secret access key',
    text: 'aws_secret_access_key = Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo',
    needles: ['Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo'],
  },
  {
    kind: 'Azure storage connection string',
    text: 'DefaultEndpointsProtocol=https;AccountName=fleetlogs;AccountKey=q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM1234567890QwErTyUiOpAsDf==;EndpointSuffix=core.windows.net',
    needles: ['q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM1234567890QwErTyUiOpAsDf=='],
  },
  {
    kind: 'Azure AD client secret',
    text: 'AADSTS7000215: Invalid client secret provided: Abc8Q~Mn4Bv6Cx8Zl1Kj3Hg5Fd7Sa9Po2Iu4Yt',
    needles: ['Abc8Q~Mn4Bv6Cx8Zl1Kj3Hg5Fd7Sa9Po2Iu4Yt'],
  },
  {
    kind: 'Azure SAS signature',
    text: 'PUT https://fleet.blob.core.windows.net/logs/run.tar?sv=2022-11-02&se=2026-12-31&sig=Tg5Yh6Uj7Ik8Ol9Pq0Wa1Se2Dr3Ft4SAS%3D failed',
    needles: ['Tg5Yh6Uj7Ik8Ol9Pq0Wa1Se2Dr3Ft4SAS%3D'],
  },
  {
    kind: 'JWT',
    text: 'kubernetes token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb2JvdC1mbGVldC1hZG1pbiIsImV4cCI6MTc2NDU0MjQwMH0.dBjftJeZ4CVPmB92K27uhbUJU1p1rwW1gFWFOEjXkX0 expired',
    needles: ['eyJzdWIiOiJyb2JvdC1mbGVldC1hZG1pbiIsImV4cCI6MTc2NDU0MjQwMH0', 'dBjftJeZ4CVPmB92K27uhbUJU1p1rwW1gFWFOEjXkX0'],
  },
  {
    kind: 'Bearer token without digits',
    text: 'requests.exceptions.HTTPError: 401 with header Bearer QwErTyUiOpAsDfGhJkLzXcVbNmPlOkIjUhYg',
    needles: ['QwErTyUiOpAsDfGhJkLzXcVbNmPlOkIjUhYg'],
  },
  {
    kind: 'lowercase bearer token without digits',
    text: 'curl -H "authorization: bearer zxcvbnmasdfghjklqwertyuiopzxcvbnm" https://api.internal/v1',
    needles: ['zxcvbnmasdfghjklqwertyuiopzxcvbnm'],
  },
  {
    kind: 'Basic auth',
    text: 'Proxy-Authorization: Basic cm9ib3Q6aHVudGVyMl9zM2NyM3RfcHJveHk=',
    needles: ['cm9ib3Q6aHVudGVyMl9zM2NyM3RfcHJveHk='],
  },
  {
    kind: 'password in a postgres URL',
    text: 'sqlalchemy.exc.OperationalError: could not connect to postgres://fleet_admin:Hunter2-S3cret-Pass@db.internal:5432/robots',
    needles: ['Hunter2-S3cret-Pass'],
  },
  {
    kind: 'password in a redis URL without user',
    text: 'redis.exceptions.ConnectionError: redis://:R3disPassw0rdNoUser@cache.internal:6379/0',
    needles: ['R3disPassw0rdNoUser'],
  },
  {
    kind: 'password assignment in env',
    text: 'env: DB_PASSWORD=correct-horse-battery-staple-42 DB_HOST=db',
    needles: ['correct-horse-battery-staple-42'],
  },
  {
    kind: 'quoted client secret with spaces',
    text: 'config: client_secret: "v3ry s3cret cl1ent value xyz"',
    needles: ['v3ry s3cret cl1ent value xyz'],
  },
  {
    kind: 'SQL Server connection string',
    text: 'Server=tcp:sql.example.net,1433;Database=fleet;User ID=sa;Password=P@ssw0rd!Fl33tDB;Encrypt=true',
    needles: ['P@ssw0rd!Fl33tDB'],
  },
  {
    kind: 'password on a command line',
    text: 'exec: mysqldump --user=root --password Sup3rS3cretCliPass fleet',
    needles: ['Sup3rS3cretCliPass'],
  },
  {
    kind: 'session cookie',
    text: 'Cookie: sessionid=9f8e7d6c5b4a3f2e1d0cAbCd; csrftoken=Wq8Er7Ty6Ui5Op4As3Df',
    needles: ['9f8e7d6c5b4a3f2e1d0cAbCd', 'Wq8Er7Ty6Ui5Op4As3Df'],
  },
  {
    kind: 'PGP private key block',
    text: `gpg: signing failed\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PGP_BODY}\n=Qw3r\n-----END PGP PRIVATE KEY BLOCK-----`,
    needles: [PGP_BODY],
  },
  {
    kind: 'OpenSSH private key',
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_BODY}\n-----END OPENSSH PRIVATE KEY-----`,
    needles: [SSH_BODY],
  },
  {
    kind: 'cut-off RSA private key (no END line)',
    text: `loading deploy key\n-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}`,
    needles: [RSA_BODY],
  },
  {
    kind: 'email address',
    text: 'PermissionDenied: user maria.gonzalez.ops@fleet-robotics.example may not write',
    needles: ['maria.gonzalez.ops@fleet-robotics.example'],
  },
  {
    kind: 'IPv4 address',
    text: 'connect ECONNREFUSED 198.51.100.73:5432',
    needles: ['198.51.100.73'],
  },
  {
    kind: 'IPv6 address',
    text: 'dial tcp [2001:db8:85a3::8a2e:370:7334]:443: connection refused',
    needles: ['2001:db8:85a3::8a2e:370:7334'],
  },
  {
    kind: 'credit card number',
    text: 'payment declined for card 4111 1111 1111 1111 (test)',
    needles: ['4111 1111 1111 1111'],
  },
  {
    kind: 'npm token',
    text: 'npm ERR! 403 with //registry.npmjs.org/:_authToken=npm_Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6Kl',
    needles: ['Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6Kl'],
  },
  {
    kind: 'SendGrid key',
    text: 'python_http_client.exceptions.UnauthorizedError for SG.Ab3De6Gh9Jk2Mn5Pq8St1V.wYz7Bc0Ef3Hi6Kl9No2Qr5Tu8Wx1Za4Cd7Fg0Ij3Lm6Op9',
    needles: ['Ab3De6Gh9Jk2Mn5Pq8St1V', 'wYz7Bc0Ef3Hi6Kl9No2Qr5Tu8Wx1Za4Cd7Fg0Ij3Lm6Op9'],
  },
  {
    kind: 'Telegram bot token',
    text: 'telegram.error.InvalidToken: 123456789:AAFr7tHj3Kl5Zx7Cv9Bn1Mq3We5Rt7Yu9Io1 was rejected',
    needles: ['AAFr7tHj3Kl5Zx7Cv9Bn1Mq3We5Rt7Yu9Io1'],
  },
  {
    kind: 'Vault token',
    text: 'vault: permission denied for hvs.CAESIJk2Lz4Xc6Vb8Nm0Qa2Ws4Ed6Rf8Tg0Yh',
    needles: ['CAESIJk2Lz4Xc6Vb8Nm0Qa2Ws4Ed6Rf8Tg0Yh'],
  },
  {
    kind: 'Databricks token',
    text: 'databricks: 403 Invalid access token dapi0123456789abcdef0123456789abcdef',
    needles: ['0123456789abcdef0123456789abcdef'],
  },
  {
    kind: 'Twilio API key',
    text: 'twilio.base.exceptions.TwilioRestException: 20003 with SKa1b2c3d4e5f60718293a4b5c6d7e8f90',
    needles: ['a1b2c3d4e5f60718293a4b5c6d7e8f90'],
  },
  {
    kind: 'Groq key',
    text: 'groq.AuthenticationError: gsk_Pz9Ox8Iy7Uv6Tw5Sr4Qn3Mk2Lj1Hg0Fe9Dc8Bb7Aa6Zz5Yy4',
    needles: ['Pz9Ox8Iy7Uv6Tw5Sr4Qn3Mk2Lj1Hg0Fe9Dc8Bb7Aa6Zz5Yy4'],
  },
];
