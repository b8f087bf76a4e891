// Local stand-ins for the external HTTP services kubecd talks to (GitHub, Google Cloud, Slack).
export * from './common.js';
export * from './jwt.js';
export * from './github.js';
export * from './oidc.js';
export * from './google-sts.js';
export * from './google-iam.js';
export * from './gke.js';
export * from './gce.js';
export * from './slack.js';
export * from './google.js';
export * from './smoke.js';
