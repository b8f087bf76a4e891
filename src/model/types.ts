/**
 * The deployments repo as kubecd understands it, after loading and normalising every accepted input
 * form (the seed design doc's, the original kubecd's later format, and kubecd's additions).
 * Pure data: nothing here talks to the world.
 */

/** A place in a source file. `file` is relative to the repository root, with forward slashes. */
export interface SourcePos {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export type Severity = 'error' | 'warning';

/** Something wrong (or suspicious) in the user's files, with where it is and what was expected. */
export interface Problem extends SourcePos {
  severity: Severity;
  message: string;
}

export type Track = 'PatchLevel' | 'MinorVersion' | 'MajorVersion' | 'Newest';
export const TRACKS: readonly Track[] = ['PatchLevel', 'MinorVersion', 'MajorVersion', 'Newest'];
/** A track bounded by semantic versions (every track but `Newest`). */
export type SemverTrack = Exclude<Track, 'Newest'>;
/** What a trigger's `track:` may say: a registry track, or `Promote` (follow another environment's lock). */
export type TriggerTrack = Track | 'Promote';
export const TRIGGER_TRACKS: readonly TriggerTrack[] = [...TRACKS, 'Promote'];

/** `valueFrom.gceResource.address`: the IP of a (regional or global) Compute Engine address. */
export interface GceAddressRef {
  /** The address name, or undefined when it comes from a cluster parameter (`nameFrom.clusterParam`). */
  name?: string;
  nameFromClusterParam?: string;
  isGlobal: boolean;
}

export interface ValueFrom {
  gceAddress: GceAddressRef;
}

/** One `{key, value}` or `{key, valueFrom}` entry. `value` keeps its YAML type. */
export interface ValueSetting {
  key: string;
  value?: unknown;
  valueFrom?: ValueFrom;
  pos: SourcePos;
}

export interface GkeProvider {
  kind: 'gke';
  project: string;
  clusterName: string;
  zone?: string;
  region?: string;
  /** Which endpoint the kubeconfig points at. Default `public`. */
  endpoint?: 'public' | 'private' | 'dns';
}

/** Any cluster reachable through a kubeconfig context (kind, minikube, EKS, AKS, ...). */
export interface ExistingContextProvider {
  kind: 'existingContext';
  /** The kubeconfig context; undefined means the kubeconfig's current context. */
  context?: string;
  /** A kubeconfig path, relative to the repository root; undefined means the default kubeconfig. */
  kubeconfig?: string;
}

/** An AKS cluster with Microsoft Entra ID integration, reached through ARM and an Entra token. */
export interface AksProvider {
  kind: 'aks';
  /** GUIDs, lower-cased. */
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
  /** The Entra application (or user-assigned managed identity) that trusts the workflow's GitHub OIDC token. */
  clientId?: string;
  /** Which API server address the kubeconfig points at: `public` (default, `fqdn`) or `private` (`privateFQDN`). */
  endpoint?: 'public' | 'private';
}

/** An EKS cluster, reached through EKS DescribeCluster and an STS-presigned bearer token. */
export interface EksProvider {
  kind: 'eks';
  /** Twelve digits: the account that owns the cluster (checked against the cluster's ARN). */
  accountId: string;
  region: string;
  clusterName: string;
  /** The IAM role to assume (with the workflow's GitHub OIDC token in GitHub Actions). */
  roleArn?: string;
}

export type Provider = GkeProvider | ExistingContextProvider | AksProvider | EksProvider;

export interface Cluster {
  name: string;
  provider: Provider;
  /** `parameters:` of the original kubecd format, by name. */
  parameters: Record<string, string>;
  pos: SourcePos;
}

export interface HelmRepo {
  name: string;
  url: string;
  pos: SourcePos;
}

export type ChartSource =
  /** A chart directory in the repository (path relative to the repository root). */
  | { kind: 'dir'; dir: string }
  /** `repo/chart` through a `helmRepos:` entry; `repoUrl` is resolved from it. */
  | { kind: 'repo'; reference: string; repoName: string; chartName: string; repoUrl?: string; version: string }
  /** `oci://host/path/chart` */
  | { kind: 'oci'; reference: string; version: string };

/** `track: Promote`: take what environment `from` has run for at least `after`. */
export interface Promotion {
  from: string;
  fromPos: SourcePos;
  /** The soak time as written (`24h`) and in milliseconds. */
  after: string;
  afterMs: number;
  /** Semver bounds relative to the current tag; none = any value `from` runs. */
  within?: SemverTrack;
}

export interface ImageTrigger {
  kind: 'image';
  tagValue: string;
  repoValue: string;
  prefixValue: string;
  /** The registry track; `Newest` (unused) when `promote` is set. */
  track: Track;
  promote?: Promotion;
  /** Deploy `TAG@DIGEST` from the lock entry (or the environment's `pinDigest`). */
  pinDigest?: boolean;
  /** With pinning: set this key to the digest instead of appending it to the tag. */
  digestValue?: string;
  pos: SourcePos;
}

/** Newer chart versions for a `reference` chart (`chart:` or the original kubecd's `helm:` trigger). */
export interface ChartTrigger {
  kind: 'chart';
  track: Track;
  pos: SourcePos;
}

export type Trigger = ImageTrigger | ChartTrigger;

export interface Release {
  name: string;
  /** The release file that declares it (relative to the repository root). */
  file: string;
  pos: SourcePos;
  chart: ChartSource;
  chartPos: SourcePos;
  /** Values files, relative to the repository root, lowest precedence first. */
  valuesFiles: string[];
  values: ValueSetting[];
  triggers: Trigger[];
  /** Leave out the environment's default values for this release. */
  skipDefaultValues: boolean;
  /** Resource files that belong to this release (the original kubecd allowed them per release). */
  resourceFiles: string[];
}

export interface ReleaseFile {
  /** Relative to the repository root. */
  path: string;
  releases: Release[];
  /** Plain Kubernetes resource files, relative to the repository root. */
  resourceFiles: string[];
}

export interface Environment {
  name: string;
  cluster: Cluster;
  namespace: string;
  /** Release files, relative to the repository root, in declaration order. */
  releaseFiles: string[];
  defaultValuesFile?: string;
  defaultValues: ValueSetting[];
  /** This environment's lock file (relative to the repository root), whether or not it exists yet. */
  lockFile: string;
  /** All releases of the environment across its release files. */
  releases: Release[];
  /** All resource files of the environment across its release files. */
  resourceFiles: string[];
  /** Every image trigger of the environment deploys the lock entry's digest (see ImageTrigger.pinDigest). */
  pinDigest?: boolean;
  /** Who applies the environment: a workflow with the apply action (the default) or a kubecd agent in the cluster. */
  deployedBy?: DeployedBy;
  pos: SourcePos;
}

export type DeployedBy = 'action' | 'agent';

export interface DeploymentsRepo {
  /** Absolute path of the repository root (the folder of the environments file). */
  root: string;
  /** The environments file, relative to the root. */
  environmentsFile: string;
  clusters: Cluster[];
  helmRepos: HelmRepo[];
  environments: Environment[];
}
