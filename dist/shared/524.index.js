export const id = 524;
export const ids = [524];
export const modules = {

/***/ 24524:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(90402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createWaiter, checkExceptions, WaiterState, createAggregatedClient } = __webpack_require__(92658);
const { Command: $Command } = __webpack_require__(92658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(47291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(62085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(93422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(23609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(26890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(97523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(92430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(61279);
const { AwsRestJsonProtocol } = __webpack_require__(37288);
const { Sha256 } = __webpack_require__(99542);

const defaultEKSHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "eks",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultEKSHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "eks",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1177.0";
var packageInfo = {
	version: version};

const m = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = "stringEquals", h = { [m]: "Endpoint" }, i = { [m]: d }, j = { "fn": f, "argv": [i, "name"] }, k = {}, l = [{ [m]: "Region" }];
const _data = {
    conditions: [
        [c, [h]],
        [c, l],
        ["aws.partition", l, d],
        [e, [{ [m]: "UseFIPS" }, b]],
        [e, [{ [m]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [i, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [i, "supportsFIPS"] }, b]],
        [g, [j, "aws"]],
        [g, [j, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [h, k],
        ["https://eks-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://fips.eks.{Region}.amazonaws.com", k],
        ["https://eks.{Region}.amazonaws.com", k],
        ["https://eks-fips.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://eks.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://eks.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 14, 3,
    1, 4, r + 13,
    2, 5, r + 13,
    3, 8, 6,
    4, 7, r + 12,
    5, r + 10, r + 11,
    4, 12, 9,
    6, 10, r + 9,
    7, r + 6, 11,
    8, r + 7, r + 8,
    5, 13, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 15,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class EKSServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.eks#EKSServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, EKSServiceException.prototype);
    }
}

class AccessDeniedException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#AccessDeniedException";
    name = "AccessDeniedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
    }
}
class InvalidParameterException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#InvalidParameterException";
    name = "InvalidParameterException";
    $fault = "client";
    clusterName;
    nodegroupName;
    fargateProfileName;
    addonName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "InvalidParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.fargateProfileName = opts.fargateProfileName;
        this.addonName = opts.addonName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class ResourceNotFoundException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ResourceNotFoundException";
    name = "ResourceNotFoundException";
    $fault = "client";
    clusterName;
    nodegroupName;
    fargateProfileName;
    addonName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.fargateProfileName = opts.fargateProfileName;
        this.addonName = opts.addonName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class ServerException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ServerException";
    name = "ServerException";
    $fault = "server";
    clusterName;
    nodegroupName;
    addonName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "ServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServerException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.addonName = opts.addonName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class ServiceUnavailableException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ServiceUnavailableException";
    name = "ServiceUnavailableException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceUnavailableException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceUnavailableException.prototype);
    }
}
class InvalidRequestException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#InvalidRequestException";
    name = "InvalidRequestException";
    $fault = "client";
    clusterName;
    nodegroupName;
    addonName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "InvalidRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRequestException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.addonName = opts.addonName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class ClientException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ClientException";
    name = "ClientException";
    $fault = "client";
    clusterName;
    nodegroupName;
    addonName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "ClientException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ClientException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.addonName = opts.addonName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class ResourceInUseException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ResourceInUseException";
    name = "ResourceInUseException";
    $fault = "client";
    clusterName;
    nodegroupName;
    addonName;
    constructor(opts) {
        super({
            name: "ResourceInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceInUseException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.addonName = opts.addonName;
    }
}
class ThrottlingException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ThrottlingException";
    name = "ThrottlingException";
    $fault = "client";
    clusterName;
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
        this.clusterName = opts.clusterName;
    }
}
class InvalidStateException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#InvalidStateException";
    name = "InvalidStateException";
    $fault = "client";
    clusterName;
    constructor(opts) {
        super({
            name: "InvalidStateException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidStateException.prototype);
        this.clusterName = opts.clusterName;
    }
}
class ResourceLimitExceededException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ResourceLimitExceededException";
    name = "ResourceLimitExceededException";
    $fault = "client";
    clusterName;
    nodegroupName;
    subscriptionId;
    constructor(opts) {
        super({
            name: "ResourceLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceLimitExceededException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.subscriptionId = opts.subscriptionId;
    }
}
class UnsupportedAvailabilityZoneException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#UnsupportedAvailabilityZoneException";
    name = "UnsupportedAvailabilityZoneException";
    $fault = "client";
    clusterName;
    nodegroupName;
    validZones;
    constructor(opts) {
        super({
            name: "UnsupportedAvailabilityZoneException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedAvailabilityZoneException.prototype);
        this.clusterName = opts.clusterName;
        this.nodegroupName = opts.nodegroupName;
        this.validZones = opts.validZones;
    }
}
class BadRequestException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#BadRequestException";
    name = "BadRequestException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BadRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BadRequestException.prototype);
    }
}
class NotFoundException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#NotFoundException";
    name = "NotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "NotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NotFoundException.prototype);
    }
}
class ResourcePropagationDelayException extends EKSServiceException {
    static shapeId = "com.amazonaws.eks#ResourcePropagationDelayException";
    name = "ResourcePropagationDelayException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourcePropagationDelayException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourcePropagationDelayException.prototype);
    }
}

const _A = "Addon";
const _AAP = "AssociatedAccessPolicy";
const _AAPL = "AssociatedAccessPoliciesList";
const _AAPR = "AssociateAccessPolicyRequest";
const _AAPRs = "AssociateAccessPolicyResponse";
const _AAPs = "AssociateAccessPolicy";
const _ACA = "ActiveCertificateAuthority";
const _ACAICR = "ArgoCdAwsIdcConfigRequest";
const _ACAICRr = "ArgoCdAwsIdcConfigResponse";
const _ACAR = "ActivateCertificateAuthorityRequest";
const _ACARc = "ActivateCertificateAuthorityResponse";
const _ACAc = "ActivateCertificateAuthority";
const _ACCR = "ArgoCdConfigRequest";
const _ACCRr = "ArgoCdConfigResponse";
const _ACD = "AddonCompatibilityDetail";
const _ACDd = "AddonCompatibilityDetails";
const _ACNACR = "ArgoCdNetworkAccessConfigRequest";
const _ACNACRr = "ArgoCdNetworkAccessConfigResponse";
const _ACR = "AccessConfigResponse";
const _ACRM = "ArgoCdRoleMapping";
const _ACRML = "ArgoCdRoleMappingList";
const _ACRc = "AckConfigRequest";
const _ACRck = "AckConfigResponse";
const _ADE = "AccessDeniedException";
const _AE = "AccessEntry";
const _AEC = "AssociateEncryptionConfig";
const _AECR = "AssociateEncryptionConfigRequest";
const _AECRs = "AssociateEncryptionConfigResponse";
const _AH = "AddonHealth";
const _AI = "AddonInfo";
const _AIL = "AddonIssueList";
const _AIPC = "AssociateIdentityProviderConfig";
const _AIPCR = "AssociateIdentityProviderConfigRequest";
const _AIPCRs = "AssociateIdentityProviderConfigResponse";
const _AId = "AddonIssue";
const _ANCR = "AddonNamespaceConfigRequest";
const _ANCRd = "AddonNamespaceConfigResponse";
const _AP = "AccessPolicy";
const _APIA = "AddonPodIdentityAssociations";
const _APIAL = "AddonPodIdentityAssociationsList";
const _APIC = "AddonPodIdentityConfiguration";
const _APICL = "AddonPodIdentityConfigurationList";
const _APL = "AccessPoliciesList";
const _AS = "AccessScope";
const _ASG = "AutoScalingGroup";
const _ASGL = "AutoScalingGroupList";
const _AVC = "AllowedValuesConstraint";
const _AVI = "AddonVersionInfo";
const _AVIL = "AddonVersionInfoList";
const _Ad = "Addons";
const _BRE = "BadRequestException";
const _BS = "BlockStorage";
const _C = "Cancellation";
const _CA = "CertificateAuthority";
const _CACR = "CreateAccessConfigRequest";
const _CAE = "CreateAccessEntry";
const _CAER = "CreateAccessEntryRequest";
const _CAERr = "CreateAccessEntryResponse";
const _CAR = "CreateAddonRequest";
const _CARr = "CreateAddonResponse";
const _CAS = "CertificateAuthoritySummary";
const _CASE = "CertificateAuthorityScheduledEvents";
const _CASL = "CertificateAuthoritySummaryList";
const _CAV = "CertificateAuthorityValidity";
const _CAr = "CreateAddon";
const _CC = "CreateCapability";
const _CCA = "CreateCertificateAuthority";
const _CCAR = "CreateCertificateAuthorityRequest";
const _CCARr = "CreateCertificateAuthorityResponse";
const _CCR = "CapabilityConfigurationRequest";
const _CCRa = "CapabilityConfigurationResponse";
const _CCRo = "ComputeConfigRequest";
const _CCRom = "ComputeConfigResponse";
const _CCRon = "ConnectorConfigRequest";
const _CCRonn = "ConnectorConfigResponse";
const _CCRr = "CreateCapabilityRequest";
const _CCRre = "CreateCapabilityResponse";
const _CCRrea = "CreateClusterRequest";
const _CCRreat = "CreateClusterResponse";
const _CCr = "CreateCluster";
const _CE = "ClientException";
const _CEAS = "CreateEksAnywhereSubscription";
const _CEASR = "CreateEksAnywhereSubscriptionRequest";
const _CEASRr = "CreateEksAnywhereSubscriptionResponse";
const _CFP = "CreateFargateProfile";
const _CFPR = "CreateFargateProfileRequest";
const _CFPRr = "CreateFargateProfileResponse";
const _CH = "CapabilityHealth";
const _CHl = "ClusterHealth";
const _CI = "CapabilityIssue";
const _CIL = "CapabilityIssueList";
const _CILl = "ClusterIssueList";
const _CIl = "ClusterIssue";
const _CMC = "CrdManagementConfiguration";
const _CN = "CreateNodegroup";
const _CNR = "CreateNodegroupRequest";
const _CNRr = "CreateNodegroupResponse";
const _CPCI = "ControlPlaneConfigInfo";
const _CPIA = "CreatePodIdentityAssociation";
const _CPIAR = "CreatePodIdentityAssociationRequest";
const _CPIARr = "CreatePodIdentityAssociationResponse";
const _CPPR = "ControlPlanePlacementRequest";
const _CPPRo = "ControlPlanePlacementResponse";
const _CPSC = "ControlPlaneScalingConfig";
const _CPSTI = "ControlPlaneScalingTierInfo";
const _CPSTL = "ControlPlaneScalingTierList";
const _CS = "CapabilitySummary";
const _CSL = "CapabilitySummaryList";
const _CSl = "ClientStat";
const _CSli = "ClientStats";
const _CU = "CancelUpdate";
const _CUR = "CancelUpdateRequest";
const _CURa = "CancelUpdateResponse";
const _CVI = "ClusterVersionInformation";
const _CVL = "ClusterVersionList";
const _Ca = "Capability";
const _Ce = "Certificate";
const _Cl = "Cluster";
const _Co = "Compatibility";
const _Com = "Compatibilities";
const _DA = "DeleteAddon";
const _DAC = "DescribeAddonConfiguration";
const _DACR = "DescribeAddonConfigurationRequest";
const _DACRe = "DescribeAddonConfigurationResponse";
const _DAE = "DeleteAccessEntry";
const _DAER = "DeleteAccessEntryRequest";
const _DAERe = "DeleteAccessEntryResponse";
const _DAERes = "DescribeAccessEntryRequest";
const _DAEResc = "DescribeAccessEntryResponse";
const _DAEe = "DescribeAccessEntry";
const _DAP = "DisassociateAccessPolicy";
const _DAPR = "DisassociateAccessPolicyRequest";
const _DAPRi = "DisassociateAccessPolicyResponse";
const _DAR = "DeleteAddonRequest";
const _DARe = "DeleteAddonResponse";
const _DARes = "DescribeAddonRequest";
const _DAResc = "DescribeAddonResponse";
const _DAV = "DescribeAddonVersions";
const _DAVR = "DescribeAddonVersionsRequest";
const _DAVRe = "DescribeAddonVersionsResponse";
const _DAe = "DescribeAddon";
const _DC = "DurationConstraints";
const _DCA = "DeleteCertificateAuthority";
const _DCAR = "DeleteCertificateAuthorityRequest";
const _DCARe = "DeleteCertificateAuthorityResponse";
const _DCARes = "DescribeCertificateAuthorityRequest";
const _DCAResc = "DescribeCertificateAuthorityResponse";
const _DCAe = "DescribeCertificateAuthority";
const _DCR = "DeleteCapabilityRequest";
const _DCRe = "DeleteCapabilityResponse";
const _DCRel = "DeleteClusterRequest";
const _DCRele = "DeleteClusterResponse";
const _DCRer = "DeregisterClusterRequest";
const _DCRere = "DeregisterClusterResponse";
const _DCRes = "DescribeCapabilityRequest";
const _DCResc = "DescribeCapabilityResponse";
const _DCRescr = "DescribeClusterRequest";
const _DCRescri = "DescribeClusterResponse";
const _DCV = "DescribeClusterVersions";
const _DCVR = "DescribeClusterVersionsRequest";
const _DCVRe = "DescribeClusterVersionsResponse";
const _DCe = "DeleteCapability";
const _DCel = "DeleteCluster";
const _DCer = "DeregisterCluster";
const _DCes = "DescribeCapability";
const _DCesc = "DescribeCluster";
const _DD = "DeprecationDetail";
const _DDe = "DeprecationDetails";
const _DEAS = "DeleteEksAnywhereSubscription";
const _DEASR = "DeleteEksAnywhereSubscriptionRequest";
const _DEASRe = "DeleteEksAnywhereSubscriptionResponse";
const _DEASRes = "DescribeEksAnywhereSubscriptionRequest";
const _DEASResc = "DescribeEksAnywhereSubscriptionResponse";
const _DEASe = "DescribeEksAnywhereSubscription";
const _DFP = "DeleteFargateProfile";
const _DFPR = "DeleteFargateProfileRequest";
const _DFPRe = "DeleteFargateProfileResponse";
const _DFPRes = "DescribeFargateProfileRequest";
const _DFPResc = "DescribeFargateProfileResponse";
const _DFPe = "DescribeFargateProfile";
const _DI = "DescribeInsight";
const _DIPC = "DescribeIdentityProviderConfig";
const _DIPCR = "DescribeIdentityProviderConfigRequest";
const _DIPCRe = "DescribeIdentityProviderConfigResponse";
const _DIPCRi = "DisassociateIdentityProviderConfigRequest";
const _DIPCRis = "DisassociateIdentityProviderConfigResponse";
const _DIPCi = "DisassociateIdentityProviderConfig";
const _DIR = "DescribeInsightRequest";
const _DIRR = "DescribeInsightsRefreshRequest";
const _DIRRe = "DescribeInsightsRefreshResponse";
const _DIRe = "DescribeInsightResponse";
const _DIRes = "DescribeInsightsRefresh";
const _DN = "DeleteNodegroup";
const _DNR = "DeleteNodegroupRequest";
const _DNRe = "DeleteNodegroupResponse";
const _DNRes = "DescribeNodegroupRequest";
const _DNResc = "DescribeNodegroupResponse";
const _DNe = "DescribeNodegroup";
const _DPC = "DurationParameterConfig";
const _DPIA = "DeletePodIdentityAssociation";
const _DPIAR = "DeletePodIdentityAssociationRequest";
const _DPIARe = "DeletePodIdentityAssociationResponse";
const _DPIARes = "DescribePodIdentityAssociationRequest";
const _DPIAResc = "DescribePodIdentityAssociationResponse";
const _DPIAe = "DescribePodIdentityAssociation";
const _DU = "DescribeUpdate";
const _DUR = "DescribeUpdateRequest";
const _DURe = "DescribeUpdateResponse";
const _EAS = "EksAnywhereSubscription";
const _EASL = "EksAnywhereSubscriptionList";
const _EAST = "EksAnywhereSubscriptionTerm";
const _EC = "EncryptionConfig";
const _ECL = "EncryptionConfigList";
const _ED = "ErrorDetail";
const _EDr = "ErrorDetails";
const _ELB = "ElasticLoadBalancing";
const _EPR = "EtcdPlacementRequest";
const _EPRt = "EtcdPlacementResponse";
const _FP = "FargateProfile";
const _FPH = "FargateProfileHealth";
const _FPI = "FargateProfileIssue";
const _FPIL = "FargateProfileIssueList";
const _FPS = "FargateProfileSelector";
const _FPSa = "FargateProfileSelectors";
const _GAC = "GatewayApiConfiguration";
const _HPACCR = "HorizontalPodAutoscalerControllerConfigRequest";
const _HPACCRo = "HorizontalPodAutoscalerControllerConfigResponse";
const _HPACVC = "HorizontalPodAutoscalerControllerVersionConfig";
const _I = "Identity";
const _IC = "IntegerConstraints";
const _ICSS = "InsightCategorySpecificSummary";
const _IF = "InsightsFilter";
const _IL = "IssueList";
const _IPC = "IdentityProviderConfig";
const _IPCR = "IdentityProviderConfigResponse";
const _IPCd = "IdentityProviderConfigs";
const _IPCn = "IntegerParameterConfig";
const _IPE = "InvalidParameterException";
const _IRC = "IntegerRangeConstraint";
const _IRD = "InsightResourceDetail";
const _IRDn = "InsightResourceDetails";
const _IRE = "InvalidRequestException";
const _IS = "InsightStatus";
const _ISE = "InvalidStateException";
const _ISn = "InsightSummary";
const _ISns = "InsightSummaries";
const _In = "Insight";
const _Is = "Issue";
const _KASCR = "KubeApiServerConfigRequest";
const _KASCRu = "KubeApiServerConfigResponse";
const _KASVC = "KubeApiServerVersionConfig";
const _KCMCR = "KubeControllerManagerConfigRequest";
const _KCMCRu = "KubeControllerManagerConfigResponse";
const _KCMVC = "KubeControllerManagerVersionConfig";
const _KNCR = "KubernetesNetworkConfigRequest";
const _KNCRu = "KubernetesNetworkConfigResponse";
const _KSCR = "KubeSchedulerConfigRequest";
const _KSCRu = "KubeSchedulerConfigResponse";
const _KSVC = "KubeSchedulerVersionConfig";
const _L = "License";
const _LA = "ListAddons";
const _LAAP = "ListAssociatedAccessPolicies";
const _LAAPR = "ListAssociatedAccessPoliciesRequest";
const _LAAPRi = "ListAssociatedAccessPoliciesResponse";
const _LAE = "ListAccessEntries";
const _LAER = "ListAccessEntriesRequest";
const _LAERi = "ListAccessEntriesResponse";
const _LAP = "ListAccessPolicies";
const _LAPR = "ListAccessPoliciesRequest";
const _LAPRi = "ListAccessPoliciesResponse";
const _LAR = "ListAddonsRequest";
const _LARi = "ListAddonsResponse";
const _LC = "ListCapabilities";
const _LCA = "ListCertificateAuthorities";
const _LCAR = "ListCertificateAuthoritiesRequest";
const _LCARi = "ListCertificateAuthoritiesResponse";
const _LCR = "ListCapabilitiesRequest";
const _LCRi = "ListCapabilitiesResponse";
const _LCRis = "ListClustersRequest";
const _LCRist = "ListClustersResponse";
const _LCi = "ListClusters";
const _LEAS = "ListEksAnywhereSubscriptions";
const _LEASR = "ListEksAnywhereSubscriptionsRequest";
const _LEASRi = "ListEksAnywhereSubscriptionsResponse";
const _LFP = "ListFargateProfiles";
const _LFPR = "ListFargateProfilesRequest";
const _LFPRi = "ListFargateProfilesResponse";
const _LI = "ListInsights";
const _LIPC = "ListIdentityProviderConfigs";
const _LIPCR = "ListIdentityProviderConfigsRequest";
const _LIPCRi = "ListIdentityProviderConfigsResponse";
const _LIR = "ListInsightsRequest";
const _LIRi = "ListInsightsResponse";
const _LL = "LicenseList";
const _LN = "ListNodegroups";
const _LNR = "ListNodegroupsRequest";
const _LNRi = "ListNodegroupsResponse";
const _LPIA = "ListPodIdentityAssociations";
const _LPIAR = "ListPodIdentityAssociationsRequest";
const _LPIARi = "ListPodIdentityAssociationsResponse";
const _LS = "LogSetup";
const _LSo = "LogSetups";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _LTS = "LaunchTemplateSpecification";
const _LU = "ListUpdates";
const _LUR = "ListUpdatesRequest";
const _LURi = "ListUpdatesResponse";
const _Lo = "Logging";
const _MI = "MarketplaceInformation";
const _N = "Nodegroup";
const _NFE = "NotFoundException";
const _NH = "NodegroupHealth";
const _NR = "NodegroupResources";
const _NRC = "NodeRepairConfig";
const _NRCO = "NodeRepairConfigOverrides";
const _NRCOL = "NodeRepairConfigOverridesList";
const _NRFC = "NodeResourcesFitConfig";
const _NRFVC = "NodeResourcesFitVersionConfig";
const _NSC = "NodegroupScalingConfig";
const _NUC = "NodegroupUpdateConfig";
const _OCR = "OutpostConfigRequest";
const _OCRu = "OutpostConfigResponse";
const _OIDC = "OIDC";
const _OIPC = "OidcIdentityProviderConfig";
const _OIPCR = "OidcIdentityProviderConfigRequest";
const _P = "Provider";
const _PGCCR = "PodGcControllerConfigRequest";
const _PGCCRo = "PodGcControllerConfigResponse";
const _PGCVC = "PodGcControllerVersionConfig";
const _PIA = "PodIdentityAssociation";
const _PIAS = "PodIdentityAssociationSummary";
const _PIASo = "PodIdentityAssociationSummaries";
const _PRC = "PortRangeConstraints";
const _PRPC = "PortRangeParameterConfig";
const _RAC = "RemoteAccessConfig";
const _RC = "ResourceConstraints";
const _RCR = "RegisterClusterRequest";
const _RCRe = "RegisterClusterResponse";
const _RCe = "RegisterCluster";
const _RCo = "RollbackConfig";
const _RIUE = "ResourceInUseException";
const _RLEE = "ResourceLimitExceededException";
const _RNCR = "RemoteNetworkConfigRequest";
const _RNCRe = "RemoteNetworkConfigResponse";
const _RNFE = "ResourceNotFoundException";
const _RNN = "RemoteNodeNetwork";
const _RNNL = "RemoteNodeNetworkList";
const _RPDE = "ResourcePropagationDelayException";
const _RPN = "RemotePodNetwork";
const _RPNL = "RemotePodNetworkList";
const _RW = "ResourceWeight";
const _RWL = "ResourceWeightList";
const _SCR = "StorageConfigRequest";
const _SCRt = "StorageConfigResponse";
const _SE = "ServerException";
const _SI = "SsoIdentity";
const _SIL = "SsoIdentityList";
const _SIR = "StartInsightsRefresh";
const _SIRR = "StartInsightsRefreshRequest";
const _SIRRt = "StartInsightsRefreshResponse";
const _SNPR = "ServiceNodePortRange";
const _SS = "ScoringStrategy";
const _SSC = "ScoringStrategyConfig";
const _SSCc = "ScoringStrategyConstraints";
const _SUE = "ServiceUnavailableException";
const _T = "Taint";
const _TE = "ThrottlingException";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _U = "Update";
const _UA = "UpdateAddon";
const _UAC = "UpdateAckConfig";
const _UACC = "UpdateArgoCdConfig";
const _UACR = "UpdateAccessConfigRequest";
const _UAE = "UpdateAccessEntry";
const _UAER = "UpdateAccessEntryRequest";
const _UAERp = "UpdateAccessEntryResponse";
const _UAR = "UpdateAddonRequest";
const _UARp = "UpdateAddonResponse";
const _UAZE = "UnsupportedAvailabilityZoneException";
const _UC = "UpdateCapability";
const _UCC = "UpdateCapabilityConfiguration";
const _UCCR = "UpdateClusterConfigRequest";
const _UCCRp = "UpdateClusterConfigResponse";
const _UCCp = "UpdateClusterConfig";
const _UCR = "UpdateCapabilityRequest";
const _UCRp = "UpdateCapabilityResponse";
const _UCV = "UpdateClusterVersion";
const _UCVR = "UpdateClusterVersionRequest";
const _UCVRp = "UpdateClusterVersionResponse";
const _UEAS = "UpdateEksAnywhereSubscription";
const _UEASR = "UpdateEksAnywhereSubscriptionRequest";
const _UEASRp = "UpdateEksAnywhereSubscriptionResponse";
const _ULP = "UpdateLabelsPayload";
const _UNC = "UpdateNodegroupConfig";
const _UNCR = "UpdateNodegroupConfigRequest";
const _UNCRp = "UpdateNodegroupConfigResponse";
const _UNV = "UpdateNodegroupVersion";
const _UNVR = "UpdateNodegroupVersionRequest";
const _UNVRp = "UpdateNodegroupVersionResponse";
const _UP = "UpdateParam";
const _UPIA = "UpdatePodIdentityAssociation";
const _UPIAR = "UpdatePodIdentityAssociationRequest";
const _UPIARp = "UpdatePodIdentityAssociationResponse";
const _UPR = "UpgradePolicyRequest";
const _UPRp = "UpgradePolicyResponse";
const _UPp = "UpdateParams";
const _UR = "UntagResource";
const _URM = "UpdateRoleMappings";
const _URR = "UntagResourceRequest";
const _URRn = "UntagResourceResponse";
const _UTP = "UpdateTaintsPayload";
const _VCR = "VpcConfigRequest";
const _VCRp = "VpcConfigResponse";
const _WPC = "WarmPoolConfig";
const _ZSCR = "ZonalShiftConfigRequest";
const _ZSCRo = "ZonalShiftConfigResponse";
const _a = "arn";
const _aA = "addonArn";
const _aAP = "associatedAccessPolicy";
const _aAPs = "associatedAccessPolicies";
const _aAc = "activatedAt";
const _aAs = "associatedAt";
const _aAss = "associationArn";
const _aB = "activatedBy";
const _aC = "argoCd";
const _aCD = "addonCompatibilityDetails";
const _aCc = "accessConfig";
const _aCct = "activationCode";
const _aE = "activationExpiry";
const _aEA = "accessEntryArn";
const _aEc = "accessEntry";
const _aEcc = "accessEntries";
const _aI = "awsIdc";
const _aIc = "activationId";
const _aId = "additionalInfo";
const _aIs = "associationId";
const _aM = "authenticationMode";
const _aN = "addonName";
const _aOUL = "addOrUpdateLabels";
const _aOURM = "addOrUpdateRoleMappings";
const _aOUT = "addOrUpdateTaints";
const _aP = "accessPolicies";
const _aPA = "associatedPolicyArn";
const _aR = "autoRenew";
const _aRC = "apiRequestConcurrency";
const _aS = "accessScope";
const _aSG = "autoScalingGroups";
const _aT = "amiType";
const _aV = "addonVersion";
const _aVd = "addonVersions";
const _aVl = "allowedValues";
const _ac = "ack";
const _act = "active";
const _ad = "addon";
const _add = "addons";
const _ar = "architecture";
const _as = "association";
const _ass = "associations";
const _bCCAP = "bootstrapClusterCreatorAdminPermissions";
const _bS = "blockStorage";
const _bSMA = "bootstrapSelfManagedAddons";
const _c = "client";
const _cA = "createdAt";
const _cAI = "certificateAuthorityId";
const _cAe = "certificateAuthority";
const _cAer = "certificateAuthorities";
const _cB = "createdBy";
const _cC = "connectorConfig";
const _cCo = "computeConfig";
const _cDSG = "clusterDatabaseSizeGb";
const _cI = "clientId";
const _cL = "clusterLogging";
const _cN = "clusterName";
const _cNa = "capabilityName";
const _cPCC = "controlPlaneComponentConfig";
const _cPCCO = "controlPlaneComponentConfigOverrides";
const _cPEM = "controlPlaneEgressMode";
const _cPIT = "controlPlaneInstanceType";
const _cPP = "controlPlanePlacement";
const _cPSC = "controlPlaneScalingConfig";
const _cPST = "controlPlaneScalingTiers";
const _cRT = "clientRequestToken";
const _cS = "clientStats";
const _cSGI = "clusterSecurityGroupId";
const _cSS = "categorySpecificSummary";
const _cSo = "configurationSchema";
const _cT = "computeTypes";
const _cTa = "capacityType";
const _cTl = "clusterType";
const _cV = "configurationValues";
const _cVl = "clusterVersion";
const _cVlu = "clusterVersions";
const _cVo = "compatibleVersions";
const _ca = "capability";
const _can = "cancellation";
const _cap = "capabilities";
const _cat = "category";
const _cate = "categories";
const _ci = "cidrs";
const _cl = "cluster";
const _clu = "clusters";
const _co = "code";
const _com = "compatibilities";
const _con = "configuration";
const _cons = "constraints";
const _cr = "crds";
const _d = "data";
const _dD = "deprecationDetails";
const _dN = "defaultNamespace";
const _dO = "defaultOnly";
const _dP = "deletionProtection";
const _dPP = "deletePropagationPolicy";
const _dPV = "defaultPlatformVersion";
const _dS = "disabledServices";
const _dST = "disableSessionTags";
const _dSe = "desiredSize";
const _dSi = "distributionStatus";
const _dSis = "diskSize";
const _dV = "defaultVersion";
const _dVe = "defaultValue";
const _de = "description";
const _du = "duration";
const _e = "error";
const _eA = "endedAt";
const _eC = "encryptionConfig";
const _eCN = "enableCrossNamespace";
const _eCr = "errorCode";
const _eD = "effectiveDate";
const _eDx = "expirationDate";
const _eI = "externalId";
const _eIT = "etcdInstanceType";
const _eLB = "elasticLoadBalancing";
const _eM = "errorMessage";
const _eOESD = "endOfExtendedSupportDate";
const _eOSSD = "endOfStandardSupportDate";
const _eP = "endpointPrefix";
const _ePA = "endpointPublicAccess";
const _ePAn = "endpointPrivateAccess";
const _ePt = "etcdPlacement";
const _eSK = "ec2SshKey";
const _eT = "eventTtl";
const _ef = "effect";
const _en = "enabled";
const _end = "endpoint";
const _er = "errors";
const _f = "filter";
const _fAA = "firstAutoActivation";
const _fAAi = "finalAutoActivation";
const _fP = "fargateProfile";
const _fPA = "fargateProfileArn";
const _fPN = "fargateProfileName";
const _fPNa = "fargateProfileNames";
const _fo = "force";
const _gA = "gatewayApi";
const _gC = "groupsClaim";
const _gN = "groupName";
const _gP = "groupsPrefix";
const _h = "health";
const _hE = "httpError";
const _hPACC = "horizontalPodAutoscalerControllerConfig";
const _hPASP = "horizontalPodAutoscalerSyncPeriod";
const _hQ = "httpQuery";
const _ht = "http";
const _i = "id";
const _iA = "includeAll";
const _iF = "ipFamily";
const _iIA = "idcInstanceArn";
const _iMAA = "idcManagedApplicationArn";
const _iPC = "identityProviderConfig";
const _iPCA = "identityProviderConfigArn";
const _iPCN = "identityProviderConfigName";
const _iPCd = "identityProviderConfigs";
const _iR = "idcRegion";
const _iS = "insightStatus";
const _iSn = "includeStatus";
const _iT = "instanceTypes";
const _iTd = "idempotencyToken";
const _iU = "issuerUrl";
const _id = "identities";
const _ide = "identity";
const _in = "insight";
const _inc = "include";
const _ins = "insights";
const _is = "issues";
const _iss = "issuer";
const _k = "key";
const _kA = "keyArn";
const _kASC = "kubeApiServerConfig";
const _kCMC = "kubeControllerManagerConfig";
const _kG = "kubernetesGroups";
const _kNC = "kubernetesNetworkConfig";
const _kPV = "kubernetesPatchVersion";
const _kRU = "kubernetesResourceUri";
const _kSC = "kubeSchedulerConfig";
const _kV = "kubernetesVersion";
const _kVu = "kubernetesVersions";
const _l = "logging";
const _lA = "licenseArns";
const _lQ = "licenseQuantity";
const _lRT = "lastRequestTime";
const _lRTa = "lastRefreshTime";
const _lT = "licenseType";
const _lTT = "lastTransitionTime";
const _lTa = "launchTemplate";
const _la = "labels";
const _li = "licenses";
const _m = "message";
const _mA = "modifiedAt";
const _mGPC = "maxGroupPreparedCapacity";
const _mI = "marketplaceInformation";
const _mP = "minPort";
const _mPNRC = "maxParallelNodesRepairedCount";
const _mPNRP = "maxParallelNodesRepairedPercentage";
const _mPa = "maxPort";
const _mR = "maxResults";
const _mRWTM = "minRepairWaitTimeMins";
const _mS = "minSize";
const _mSa = "maxSize";
const _mU = "maxUnavailable";
const _mUNTC = "maxUnhealthyNodeThresholdCount";
const _mUNTP = "maxUnhealthyNodeThresholdPercentage";
const _mUP = "maxUnavailablePercentage";
const _ma = "managed";
const _max = "max";
const _mi = "min";
const _n = "name";
const _nA = "networkAccess";
const _nAo = "notAfter";
const _nAod = "nodegroupArn";
const _nB = "notBefore";
const _nC = "namespaceConfig";
const _nMC = "nodeMonitoringCondition";
const _nN = "nodegroupName";
const _nORLD = "numberOfRequestsLast30Days";
const _nP = "nodePools";
const _nR = "nodeRole";
const _nRA = "nodeRoleArn";
const _nRC = "nodeRepairConfig";
const _nRCO = "nodeRepairConfigOverrides";
const _nRF = "nodeResourcesFit";
const _nT = "nextToken";
const _nUR = "nodeUnhealthyReason";
const _na = "namespaces";
const _nam = "namespace";
const _no = "nodegroup";
const _nod = "nodegroups";
const _o = "owner";
const _oA = "outpostArns";
const _oAw = "ownerArn";
const _oC = "outpostConfig";
const _oi = "oidc";
const _ow = "owners";
const _p = "publisher";
const _pA = "principalArn";
const _pAC = "publicAccessCidrs";
const _pAo = "policyArn";
const _pERA = "podExecutionRoleArn";
const _pGCC = "podGcControllerConfig";
const _pI = "productId";
const _pIA = "podIdentityAssociations";
const _pIC = "podIdentityConfiguration";
const _pS = "poolState";
const _pSRPS = "podSchedulingRatePerSecond";
const _pU = "productUrl";
const _pV = "platformVersion";
const _pVl = "platformVersions";
const _pa = "params";
const _po = "policy";
const _pr = "provider";
const _pre = "preserve";
const _pu = "publishers";
const _r = "role";
const _rA = "roleArn";
const _rASG = "remoteAccessSecurityGroup";
const _rAe = "remoteAccess";
const _rAep = "repairAction";
const _rAes = "resourceArn";
const _rAo = "rollbackAvailable";
const _rC = "requiresConfiguration";
const _rCe = "resolveConflicts";
const _rCeq = "requiredClaims";
const _rCo = "rollbackConfig";
const _rD = "releaseDate";
const _rI = "resourceIds";
const _rIP = "requiresIamPermissions";
const _rL = "removeLabels";
const _rMP = "recommendedManagedPolicies";
const _rNC = "remoteNetworkConfig";
const _rNN = "remoteNodeNetworks";
const _rOSI = "reuseOnScaleIn";
const _rPN = "remotePodNetworks";
const _rRM = "rbacRoleMappings";
const _rRMe = "removeRoleMappings";
const _rT = "removeTaints";
const _rV = "releaseVersion";
const _rVC = "resourcesVpcConfig";
const _rW = "replacedWith";
const _re = "reason";
const _rec = "recommendation";
const _res = "resources";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.eks";
const _sA = "serviceAccount";
const _sARA = "serviceAccountRoleArn";
const _sAt = "startedAt";
const _sC = "storageConfig";
const _sCc = "scalingConfig";
const _sE = "scheduledEvents";
const _sGI = "securityGroupIds";
const _sI = "subscriptionId";
const _sIC = "serviceIpv4Cidr";
const _sICe = "serviceIpv6Cidr";
const _sIu = "subnetIds";
const _sL = "spreadLevel";
const _sNPR = "serviceNodePortRange";
const _sS = "signingStatus";
const _sSG = "sourceSecurityGroups";
const _sSRV = "startServingReplacementVersion";
const _sSV = "stopServingVersion";
const _sSc = "scoringStrategy";
const _sT = "supportType";
const _sU = "serverUrl";
const _se = "server";
const _sel = "selectors";
const _st = "status";
const _sta = "statuses";
const _su = "subscription";
const _sub = "subnets";
const _subs = "subscriptions";
const _t = "tags";
const _tK = "tagKeys";
const _tL = "taintsList";
const _tM = "timeoutMinutes";
const _tN = "tierName";
const _tPGT = "terminatedPodGcThreshold";
const _tRA = "targetRoleArn";
const _ta = "taints";
const _te = "term";
const _ti = "tier";
const _to = "token";
const _ty = "type";
const _typ = "types";
const _u = "username";
const _uA = "userAgent";
const _uC = "updateConfig";
const _uCs = "usernameClaim";
const _uI = "updateId";
const _uIp = "updateIds";
const _uP = "upgradePolicy";
const _uPs = "usernamePrefix";
const _uS = "updateStrategy";
const _un = "unit";
const _up = "update";
const _us = "usage";
const _v = "version";
const _vI = "vpceIds";
const _vIp = "vpcId";
const _vS = "versionStatus";
const _vZ = "validZones";
const _va = "validity";
const _val = "value";
const _w = "weight";
const _wPC = "warmPoolConfig";
const _zSC = "zonalShiftConfig";
const n0 = "com.amazonaws.eks";
const _s_registry = new TypeRegistry(_s);
var EKSServiceException$ = [-3, _s, "EKSServiceException", 0, [], []];
_s_registry.registerError(EKSServiceException$, EKSServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var BadRequestException$ = [-3, n0, _BRE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(BadRequestException$, BadRequestException);
var ClientException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 400 },
    [_cN, _nN, _aN, _sI, _m],
    [0, 0, 0, 0, 0]
];
n0_registry.registerError(ClientException$, ClientException);
var InvalidParameterException$ = [-3, n0, _IPE,
    { [_e]: _c, [_hE]: 400 },
    [_cN, _nN, _fPN, _aN, _sI, _m],
    [0, 0, 0, 0, 0, 0]
];
n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
var InvalidRequestException$ = [-3, n0, _IRE,
    { [_e]: _c, [_hE]: 400 },
    [_cN, _nN, _aN, _sI, _m],
    [0, 0, 0, 0, 0]
];
n0_registry.registerError(InvalidRequestException$, InvalidRequestException);
var InvalidStateException$ = [-3, n0, _ISE,
    { [_e]: _c, [_hE]: 400 },
    [_cN, _m],
    [0, 0]
];
n0_registry.registerError(InvalidStateException$, InvalidStateException);
var NotFoundException$ = [-3, n0, _NFE,
    { [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(NotFoundException$, NotFoundException);
var ResourceInUseException$ = [-3, n0, _RIUE,
    { [_e]: _c, [_hE]: 409 },
    [_cN, _nN, _aN, _m],
    [0, 0, 0, 0]
];
n0_registry.registerError(ResourceInUseException$, ResourceInUseException);
var ResourceLimitExceededException$ = [-3, n0, _RLEE,
    { [_e]: _c, [_hE]: 400 },
    [_cN, _nN, _sI, _m],
    [0, 0, 0, 0]
];
n0_registry.registerError(ResourceLimitExceededException$, ResourceLimitExceededException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_cN, _nN, _fPN, _aN, _sI, _m],
    [0, 0, 0, 0, 0, 0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ResourcePropagationDelayException$ = [-3, n0, _RPDE,
    { [_e]: _c, [_hE]: 428 },
    [_m],
    [0]
];
n0_registry.registerError(ResourcePropagationDelayException$, ResourcePropagationDelayException);
var ServerException$ = [-3, n0, _SE,
    { [_e]: _se, [_hE]: 500 },
    [_cN, _nN, _aN, _sI, _m],
    [0, 0, 0, 0, 0]
];
n0_registry.registerError(ServerException$, ServerException);
var ServiceUnavailableException$ = [-3, n0, _SUE,
    { [_e]: _se, [_hE]: 503 },
    [_m],
    [0]
];
n0_registry.registerError(ServiceUnavailableException$, ServiceUnavailableException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c, [_hE]: 429 },
    [_cN, _m],
    [0, 0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var UnsupportedAvailabilityZoneException$ = [-3, n0, _UAZE,
    { [_e]: _c, [_hE]: 400 },
    [_m, _cN, _nN, _vZ],
    [0, 0, 0, 64 | 0]
];
n0_registry.registerError(UnsupportedAvailabilityZoneException$, UnsupportedAvailabilityZoneException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AccessConfigResponse$ = [3, n0, _ACR,
    0,
    [_bCCAP, _aM],
    [2, 0]
];
var AccessEntry$ = [3, n0, _AE,
    0,
    [_cN, _pA, _kG, _aEA, _cA, _mA, _t, _u, _ty],
    [0, 0, 64 | 0, 0, 4, 4, 128 | 0, 0, 0]
];
var AccessPolicy$ = [3, n0, _AP,
    0,
    [_n, _a],
    [0, 0]
];
var AccessScope$ = [3, n0, _AS,
    0,
    [_ty, _na],
    [0, 64 | 0]
];
var AckConfigRequest$ = [3, n0, _ACRc,
    0,
    [_eCN, _dS],
    [2, 64 | 0]
];
var AckConfigResponse$ = [3, n0, _ACRck,
    0,
    [_eCN, _dS],
    [2, 64 | 0]
];
var ActivateCertificateAuthorityRequest$ = [3, n0, _ACAR,
    0,
    [_cN, _cAI, _cRT],
    [[0, 1], [0, 1], [0, 4]], 2
];
var ActivateCertificateAuthorityResponse$ = [3, n0, _ACARc,
    0,
    [_up, _cAe],
    [() => Update$, () => CertificateAuthoritySummary$]
];
var ActiveCertificateAuthority$ = [3, n0, _ACA,
    0,
    [_i, _aB],
    [0, 0]
];
var Addon$ = [3, n0, _A,
    0,
    [_aN, _cN, _st, _aV, _h, _aA, _cA, _mA, _sARA, _t, _p, _o, _mI, _cV, _pIA, _nC],
    [0, 0, 0, 0, () => AddonHealth$, 0, 4, 4, 0, 128 | 0, 0, 0, () => MarketplaceInformation$, 0, 64 | 0, () => AddonNamespaceConfigResponse$]
];
var AddonCompatibilityDetail$ = [3, n0, _ACD,
    0,
    [_n, _cVo],
    [0, 64 | 0]
];
var AddonHealth$ = [3, n0, _AH,
    0,
    [_is],
    [() => AddonIssueList]
];
var AddonInfo$ = [3, n0, _AI,
    0,
    [_aN, _ty, _aVd, _p, _o, _mI, _dN],
    [0, 0, () => AddonVersionInfoList, 0, 0, () => MarketplaceInformation$, 0]
];
var AddonIssue$ = [3, n0, _AId,
    0,
    [_co, _m, _rI],
    [0, 0, 64 | 0]
];
var AddonNamespaceConfigRequest$ = [3, n0, _ANCR,
    0,
    [_nam],
    [0]
];
var AddonNamespaceConfigResponse$ = [3, n0, _ANCRd,
    0,
    [_nam],
    [0]
];
var AddonPodIdentityAssociations$ = [3, n0, _APIA,
    0,
    [_sA, _rA],
    [0, 0], 2
];
var AddonPodIdentityConfiguration$ = [3, n0, _APIC,
    0,
    [_sA, _rMP],
    [0, 64 | 0]
];
var AddonVersionInfo$ = [3, n0, _AVI,
    0,
    [_aV, _ar, _cT, _com, _rC, _rIP],
    [0, 64 | 0, 64 | 0, () => Compatibilities, 2, 2]
];
var AllowedValuesConstraint$ = [3, n0, _AVC,
    0,
    [_aVl],
    [64 | 0]
];
var ArgoCdAwsIdcConfigRequest$ = [3, n0, _ACAICR,
    0,
    [_iIA, _iR],
    [0, 0], 1
];
var ArgoCdAwsIdcConfigResponse$ = [3, n0, _ACAICRr,
    0,
    [_iIA, _iR, _iMAA],
    [0, 0, 0]
];
var ArgoCdConfigRequest$ = [3, n0, _ACCR,
    0,
    [_aI, _nam, _rRM, _nA, _eP],
    [() => ArgoCdAwsIdcConfigRequest$, 0, () => ArgoCdRoleMappingList, () => ArgoCdNetworkAccessConfigRequest$, 0], 1
];
var ArgoCdConfigResponse$ = [3, n0, _ACCRr,
    0,
    [_nam, _aI, _rRM, _nA, _sU, _eP],
    [0, () => ArgoCdAwsIdcConfigResponse$, () => ArgoCdRoleMappingList, () => ArgoCdNetworkAccessConfigResponse$, 0, 0]
];
var ArgoCdNetworkAccessConfigRequest$ = [3, n0, _ACNACR,
    0,
    [_vI],
    [64 | 0]
];
var ArgoCdNetworkAccessConfigResponse$ = [3, n0, _ACNACRr,
    0,
    [_vI],
    [64 | 0]
];
var ArgoCdRoleMapping$ = [3, n0, _ACRM,
    0,
    [_r, _id],
    [0, () => SsoIdentityList], 2
];
var AssociateAccessPolicyRequest$ = [3, n0, _AAPR,
    0,
    [_cN, _pA, _pAo, _aS],
    [[0, 1], [0, 1], 0, () => AccessScope$], 4
];
var AssociateAccessPolicyResponse$ = [3, n0, _AAPRs,
    0,
    [_cN, _pA, _aAP],
    [0, 0, () => AssociatedAccessPolicy$]
];
var AssociatedAccessPolicy$ = [3, n0, _AAP,
    0,
    [_pAo, _aS, _aAs, _mA],
    [0, () => AccessScope$, 4, 4]
];
var AssociateEncryptionConfigRequest$ = [3, n0, _AECR,
    0,
    [_cN, _eC, _cRT],
    [[0, 1], () => EncryptionConfigList, [0, 4]], 2
];
var AssociateEncryptionConfigResponse$ = [3, n0, _AECRs,
    0,
    [_up],
    [() => Update$]
];
var AssociateIdentityProviderConfigRequest$ = [3, n0, _AIPCR,
    0,
    [_cN, _oi, _t, _cRT],
    [[0, 1], () => OidcIdentityProviderConfigRequest$, 128 | 0, [0, 4]], 2
];
var AssociateIdentityProviderConfigResponse$ = [3, n0, _AIPCRs,
    0,
    [_up, _t],
    [() => Update$, 128 | 0]
];
var AutoScalingGroup$ = [3, n0, _ASG,
    0,
    [_n],
    [0]
];
var BlockStorage$ = [3, n0, _BS,
    0,
    [_en],
    [2]
];
var Cancellation$ = [3, n0, _C,
    0,
    [_st, _re],
    [0, 0]
];
var CancelUpdateRequest$ = [3, n0, _CUR,
    0,
    [_n, _uI, _cRT],
    [[0, 1], [0, 1], [0, 4]], 2
];
var CancelUpdateResponse$ = [3, n0, _CURa,
    0,
    [_up],
    [() => Update$]
];
var Capability$ = [3, n0, _Ca,
    0,
    [_cNa, _a, _cN, _ty, _rA, _st, _v, _con, _t, _h, _cA, _mA, _dPP],
    [0, 0, 0, 0, 0, 0, 0, () => CapabilityConfigurationResponse$, 128 | 0, () => CapabilityHealth$, 4, 4, 0]
];
var CapabilityConfigurationRequest$ = [3, n0, _CCR,
    0,
    [_aC, _ac],
    [() => ArgoCdConfigRequest$, () => AckConfigRequest$]
];
var CapabilityConfigurationResponse$ = [3, n0, _CCRa,
    0,
    [_aC, _ac],
    [() => ArgoCdConfigResponse$, () => AckConfigResponse$]
];
var CapabilityHealth$ = [3, n0, _CH,
    0,
    [_is],
    [() => CapabilityIssueList]
];
var CapabilityIssue$ = [3, n0, _CI,
    0,
    [_co, _m],
    [0, 0]
];
var CapabilitySummary$ = [3, n0, _CS,
    0,
    [_cNa, _a, _ty, _st, _v, _cA, _mA],
    [0, 0, 0, 0, 0, 4, 4]
];
var Certificate$ = [3, n0, _Ce,
    0,
    [_d, _act],
    [0, () => ActiveCertificateAuthority$]
];
var CertificateAuthority$ = [3, n0, _CA,
    0,
    [_i, _cA, _cB, _aAc, _aB, _sS, _dSi, _va, _sE, _rAo, _d],
    [0, 4, 0, 4, 0, 0, 0, () => CertificateAuthorityValidity$, () => CertificateAuthorityScheduledEvents$, 2, 0]
];
var CertificateAuthorityScheduledEvents$ = [3, n0, _CASE,
    0,
    [_fAA, _fAAi],
    [4, 4]
];
var CertificateAuthoritySummary$ = [3, n0, _CAS,
    0,
    [_i, _cA, _cB, _aAc, _aB, _sS, _dSi],
    [0, 4, 0, 4, 0, 0, 0]
];
var CertificateAuthorityValidity$ = [3, n0, _CAV,
    0,
    [_nB, _nAo],
    [4, 4]
];
var ClientStat$ = [3, n0, _CSl,
    0,
    [_uA, _nORLD, _lRT],
    [0, 1, 4]
];
var Cluster$ = [3, n0, _Cl,
    0,
    [_n, _a, _cA, _v, _end, _rA, _rVC, _kNC, _l, _ide, _st, _cAe, _cRT, _pV, _t, _eC, _cC, _i, _h, _oC, _aCc, _uP, _zSC, _rNC, _cCo, _sC, _dP, _cPSC, _kASC, _kSC, _kCMC],
    [0, 0, 4, 0, 0, 0, () => VpcConfigResponse$, () => KubernetesNetworkConfigResponse$, () => Logging$, () => Identity$, 0, () => Certificate$, 0, 0, 128 | 0, () => EncryptionConfigList, () => ConnectorConfigResponse$, 0, () => ClusterHealth$, () => OutpostConfigResponse$, () => AccessConfigResponse$, () => UpgradePolicyResponse$, () => ZonalShiftConfigResponse$, () => RemoteNetworkConfigResponse$, () => ComputeConfigResponse$, () => StorageConfigResponse$, 2, () => ControlPlaneScalingConfig$, () => KubeApiServerConfigResponse$, () => KubeSchedulerConfigResponse$, () => KubeControllerManagerConfigResponse$]
];
var ClusterHealth$ = [3, n0, _CHl,
    0,
    [_is],
    [() => ClusterIssueList]
];
var ClusterIssue$ = [3, n0, _CIl,
    0,
    [_co, _m, _rI],
    [0, 0, 64 | 0]
];
var ClusterVersionInformation$ = [3, n0, _CVI,
    0,
    [_cVl, _cTl, _dPV, _dV, _rD, _eOSSD, _eOESD, _st, _vS, _kPV, _cPST, _cPCC],
    [0, 0, 0, 2, 4, 4, 4, 0, 0, 0, () => ControlPlaneScalingTierList, () => ControlPlaneConfigInfo$]
];
var Compatibility$ = [3, n0, _Co,
    0,
    [_cVl, _pVl, _dV],
    [0, 64 | 0, 2]
];
var ComputeConfigRequest$ = [3, n0, _CCRo,
    0,
    [_en, _nP, _nRA],
    [2, 64 | 0, 0]
];
var ComputeConfigResponse$ = [3, n0, _CCRom,
    0,
    [_en, _nP, _nRA],
    [2, 64 | 0, 0]
];
var ConnectorConfigRequest$ = [3, n0, _CCRon,
    0,
    [_rA, _pr],
    [0, 0], 2
];
var ConnectorConfigResponse$ = [3, n0, _CCRonn,
    0,
    [_aIc, _aCct, _aE, _pr, _rA],
    [0, 0, 4, 0, 0]
];
var ControlPlaneConfigInfo$ = [3, n0, _CPCI,
    0,
    [_kASC, _kSC, _kCMC],
    [() => KubeApiServerVersionConfig$, () => KubeSchedulerVersionConfig$, () => KubeControllerManagerVersionConfig$]
];
var ControlPlanePlacementRequest$ = [3, n0, _CPPR,
    0,
    [_gN, _sL],
    [0, 0]
];
var ControlPlanePlacementResponse$ = [3, n0, _CPPRo,
    0,
    [_gN, _sL],
    [0, 0]
];
var ControlPlaneScalingConfig$ = [3, n0, _CPSC,
    0,
    [_ti],
    [0]
];
var ControlPlaneScalingTierInfo$ = [3, n0, _CPSTI,
    0,
    [_tN, _aRC, _pSRPS, _cDSG, _cPCCO],
    [0, 1, 1, 1, () => ControlPlaneConfigInfo$]
];
var CrdManagementConfiguration$ = [3, n0, _CMC,
    0,
    [_ma],
    [2]
];
var CreateAccessConfigRequest$ = [3, n0, _CACR,
    0,
    [_bCCAP, _aM],
    [2, 0]
];
var CreateAccessEntryRequest$ = [3, n0, _CAER,
    0,
    [_cN, _pA, _kG, _t, _cRT, _u, _ty],
    [[0, 1], 0, 64 | 0, 128 | 0, [0, 4], 0, 0], 2
];
var CreateAccessEntryResponse$ = [3, n0, _CAERr,
    0,
    [_aEc],
    [() => AccessEntry$]
];
var CreateAddonRequest$ = [3, n0, _CAR,
    0,
    [_cN, _aN, _aV, _sARA, _rCe, _cRT, _t, _cV, _pIA, _nC],
    [[0, 1], 0, 0, 0, 0, [0, 4], 128 | 0, 0, () => AddonPodIdentityAssociationsList, () => AddonNamespaceConfigRequest$], 2
];
var CreateAddonResponse$ = [3, n0, _CARr,
    0,
    [_ad],
    [() => Addon$]
];
var CreateCapabilityRequest$ = [3, n0, _CCRr,
    0,
    [_cNa, _cN, _ty, _rA, _dPP, _cRT, _con, _t],
    [0, [0, 1], 0, 0, 0, [0, 4], () => CapabilityConfigurationRequest$, 128 | 0], 5
];
var CreateCapabilityResponse$ = [3, n0, _CCRre,
    0,
    [_ca],
    [() => Capability$]
];
var CreateCertificateAuthorityRequest$ = [3, n0, _CCAR,
    0,
    [_cN, _cRT],
    [[0, 1], [0, 4]], 1
];
var CreateCertificateAuthorityResponse$ = [3, n0, _CCARr,
    0,
    [_up, _cAe],
    [() => Update$, () => CertificateAuthoritySummary$]
];
var CreateClusterRequest$ = [3, n0, _CCRrea,
    0,
    [_n, _rA, _rVC, _v, _kNC, _l, _cRT, _t, _eC, _oC, _aCc, _bSMA, _uP, _zSC, _rNC, _cCo, _sC, _dP, _cPSC, _kASC, _kSC, _kCMC],
    [0, 0, () => VpcConfigRequest$, 0, () => KubernetesNetworkConfigRequest$, () => Logging$, [0, 4], 128 | 0, () => EncryptionConfigList, () => OutpostConfigRequest$, () => CreateAccessConfigRequest$, 2, () => UpgradePolicyRequest$, () => ZonalShiftConfigRequest$, () => RemoteNetworkConfigRequest$, () => ComputeConfigRequest$, () => StorageConfigRequest$, 2, () => ControlPlaneScalingConfig$, () => KubeApiServerConfigRequest$, () => KubeSchedulerConfigRequest$, () => KubeControllerManagerConfigRequest$], 3
];
var CreateClusterResponse$ = [3, n0, _CCRreat,
    0,
    [_cl],
    [() => Cluster$]
];
var CreateEksAnywhereSubscriptionRequest$ = [3, n0, _CEASR,
    0,
    [_n, _te, _lQ, _lT, _aR, _cRT, _t],
    [0, () => EksAnywhereSubscriptionTerm$, 1, 0, 2, [0, 4], 128 | 0], 2
];
var CreateEksAnywhereSubscriptionResponse$ = [3, n0, _CEASRr,
    0,
    [_su],
    [() => EksAnywhereSubscription$]
];
var CreateFargateProfileRequest$ = [3, n0, _CFPR,
    0,
    [_fPN, _cN, _pERA, _sub, _sel, _cRT, _t],
    [0, [0, 1], 0, 64 | 0, () => FargateProfileSelectors, [0, 4], 128 | 0], 3
];
var CreateFargateProfileResponse$ = [3, n0, _CFPRr,
    0,
    [_fP],
    [() => FargateProfile$]
];
var CreateNodegroupRequest$ = [3, n0, _CNR,
    0,
    [_cN, _nN, _sub, _nR, _sCc, _dSis, _iT, _aT, _rAe, _la, _ta, _t, _cRT, _lTa, _uC, _nRC, _cTa, _v, _rV, _wPC],
    [[0, 1], 0, 64 | 0, 0, () => NodegroupScalingConfig$, 1, 64 | 0, 0, () => RemoteAccessConfig$, 128 | 0, () => taintsList, 128 | 0, [0, 4], () => LaunchTemplateSpecification$, () => NodegroupUpdateConfig$, () => NodeRepairConfig$, 0, 0, 0, () => WarmPoolConfig$], 4
];
var CreateNodegroupResponse$ = [3, n0, _CNRr,
    0,
    [_no],
    [() => Nodegroup$]
];
var CreatePodIdentityAssociationRequest$ = [3, n0, _CPIAR,
    0,
    [_cN, _nam, _sA, _rA, _cRT, _t, _dST, _tRA, _po],
    [[0, 1], 0, 0, 0, [0, 4], 128 | 0, 2, 0, 0], 4
];
var CreatePodIdentityAssociationResponse$ = [3, n0, _CPIARr,
    0,
    [_as],
    [() => PodIdentityAssociation$]
];
var DeleteAccessEntryRequest$ = [3, n0, _DAER,
    0,
    [_cN, _pA],
    [[0, 1], [0, 1]], 2
];
var DeleteAccessEntryResponse$ = [3, n0, _DAERe,
    0,
    [],
    []
];
var DeleteAddonRequest$ = [3, n0, _DAR,
    0,
    [_cN, _aN, _pre],
    [[0, 1], [0, 1], [2, { [_hQ]: _pre }]], 2
];
var DeleteAddonResponse$ = [3, n0, _DARe,
    0,
    [_ad],
    [() => Addon$]
];
var DeleteCapabilityRequest$ = [3, n0, _DCR,
    0,
    [_cN, _cNa],
    [[0, 1], [0, 1]], 2
];
var DeleteCapabilityResponse$ = [3, n0, _DCRe,
    0,
    [_ca],
    [() => Capability$]
];
var DeleteCertificateAuthorityRequest$ = [3, n0, _DCAR,
    0,
    [_cN, _cAI, _cRT],
    [[0, 1], [0, 1], [0, { [_hQ]: _cRT, [_iTd]: 1 }]], 2
];
var DeleteCertificateAuthorityResponse$ = [3, n0, _DCARe,
    0,
    [_up, _cAe],
    [() => Update$, () => CertificateAuthoritySummary$]
];
var DeleteClusterRequest$ = [3, n0, _DCRel,
    0,
    [_n],
    [[0, 1]], 1
];
var DeleteClusterResponse$ = [3, n0, _DCRele,
    0,
    [_cl],
    [() => Cluster$]
];
var DeleteEksAnywhereSubscriptionRequest$ = [3, n0, _DEASR,
    0,
    [_i],
    [[0, 1]], 1
];
var DeleteEksAnywhereSubscriptionResponse$ = [3, n0, _DEASRe,
    0,
    [_su],
    [() => EksAnywhereSubscription$]
];
var DeleteFargateProfileRequest$ = [3, n0, _DFPR,
    0,
    [_cN, _fPN],
    [[0, 1], [0, 1]], 2
];
var DeleteFargateProfileResponse$ = [3, n0, _DFPRe,
    0,
    [_fP],
    [() => FargateProfile$]
];
var DeleteNodegroupRequest$ = [3, n0, _DNR,
    0,
    [_cN, _nN],
    [[0, 1], [0, 1]], 2
];
var DeleteNodegroupResponse$ = [3, n0, _DNRe,
    0,
    [_no],
    [() => Nodegroup$]
];
var DeletePodIdentityAssociationRequest$ = [3, n0, _DPIAR,
    0,
    [_cN, _aIs],
    [[0, 1], [0, 1]], 2
];
var DeletePodIdentityAssociationResponse$ = [3, n0, _DPIARe,
    0,
    [_as],
    [() => PodIdentityAssociation$]
];
var DeprecationDetail$ = [3, n0, _DD,
    0,
    [_us, _rW, _sSV, _sSRV, _cS],
    [0, 0, 0, 0, () => ClientStats]
];
var DeregisterClusterRequest$ = [3, n0, _DCRer,
    0,
    [_n],
    [[0, 1]], 1
];
var DeregisterClusterResponse$ = [3, n0, _DCRere,
    0,
    [_cl],
    [() => Cluster$]
];
var DescribeAccessEntryRequest$ = [3, n0, _DAERes,
    0,
    [_cN, _pA],
    [[0, 1], [0, 1]], 2
];
var DescribeAccessEntryResponse$ = [3, n0, _DAEResc,
    0,
    [_aEc],
    [() => AccessEntry$]
];
var DescribeAddonConfigurationRequest$ = [3, n0, _DACR,
    0,
    [_aN, _aV],
    [[0, { [_hQ]: _aN }], [0, { [_hQ]: _aV }]], 2
];
var DescribeAddonConfigurationResponse$ = [3, n0, _DACRe,
    0,
    [_aN, _aV, _cSo, _pIC],
    [0, 0, 0, () => AddonPodIdentityConfigurationList]
];
var DescribeAddonRequest$ = [3, n0, _DARes,
    0,
    [_cN, _aN],
    [[0, 1], [0, 1]], 2
];
var DescribeAddonResponse$ = [3, n0, _DAResc,
    0,
    [_ad],
    [() => Addon$]
];
var DescribeAddonVersionsRequest$ = [3, n0, _DAVR,
    0,
    [_kV, _mR, _nT, _aN, _typ, _pu, _ow],
    [[0, { [_hQ]: _kV }], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [0, { [_hQ]: _aN }], [64 | 0, { [_hQ]: _typ }], [64 | 0, { [_hQ]: _pu }], [64 | 0, { [_hQ]: _ow }]]
];
var DescribeAddonVersionsResponse$ = [3, n0, _DAVRe,
    0,
    [_add, _nT],
    [() => Addons, 0]
];
var DescribeCapabilityRequest$ = [3, n0, _DCRes,
    0,
    [_cN, _cNa],
    [[0, 1], [0, 1]], 2
];
var DescribeCapabilityResponse$ = [3, n0, _DCResc,
    0,
    [_ca],
    [() => Capability$]
];
var DescribeCertificateAuthorityRequest$ = [3, n0, _DCARes,
    0,
    [_cN, _cAI],
    [[0, 1], [0, 1]], 2
];
var DescribeCertificateAuthorityResponse$ = [3, n0, _DCAResc,
    0,
    [_cAe],
    [() => CertificateAuthority$]
];
var DescribeClusterRequest$ = [3, n0, _DCRescr,
    0,
    [_n],
    [[0, 1]], 1
];
var DescribeClusterResponse$ = [3, n0, _DCRescri,
    0,
    [_cl],
    [() => Cluster$]
];
var DescribeClusterVersionsRequest$ = [3, n0, _DCVR,
    0,
    [_cTl, _mR, _nT, _dO, _iA, _cVlu, _st, _vS],
    [[0, { [_hQ]: _cTl }], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [2, { [_hQ]: _dO }], [2, { [_hQ]: _iA }], [64 | 0, { [_hQ]: _cVlu }], [0, { [_hQ]: _st }], [0, { [_hQ]: _vS }]]
];
var DescribeClusterVersionsResponse$ = [3, n0, _DCVRe,
    0,
    [_nT, _cVlu],
    [0, () => ClusterVersionList]
];
var DescribeEksAnywhereSubscriptionRequest$ = [3, n0, _DEASRes,
    0,
    [_i],
    [[0, 1]], 1
];
var DescribeEksAnywhereSubscriptionResponse$ = [3, n0, _DEASResc,
    0,
    [_su],
    [() => EksAnywhereSubscription$]
];
var DescribeFargateProfileRequest$ = [3, n0, _DFPRes,
    0,
    [_cN, _fPN],
    [[0, 1], [0, 1]], 2
];
var DescribeFargateProfileResponse$ = [3, n0, _DFPResc,
    0,
    [_fP],
    [() => FargateProfile$]
];
var DescribeIdentityProviderConfigRequest$ = [3, n0, _DIPCR,
    0,
    [_cN, _iPC],
    [[0, 1], () => IdentityProviderConfig$], 2
];
var DescribeIdentityProviderConfigResponse$ = [3, n0, _DIPCRe,
    0,
    [_iPC],
    [() => IdentityProviderConfigResponse$]
];
var DescribeInsightRequest$ = [3, n0, _DIR,
    0,
    [_cN, _i],
    [[0, 1], [0, 1]], 2
];
var DescribeInsightResponse$ = [3, n0, _DIRe,
    0,
    [_in],
    [() => Insight$]
];
var DescribeInsightsRefreshRequest$ = [3, n0, _DIRR,
    0,
    [_cN],
    [[0, 1]], 1
];
var DescribeInsightsRefreshResponse$ = [3, n0, _DIRRe,
    0,
    [_m, _st, _sAt, _eA],
    [0, 0, 4, 4]
];
var DescribeNodegroupRequest$ = [3, n0, _DNRes,
    0,
    [_cN, _nN],
    [[0, 1], [0, 1]], 2
];
var DescribeNodegroupResponse$ = [3, n0, _DNResc,
    0,
    [_no],
    [() => Nodegroup$]
];
var DescribePodIdentityAssociationRequest$ = [3, n0, _DPIARes,
    0,
    [_cN, _aIs],
    [[0, 1], [0, 1]], 2
];
var DescribePodIdentityAssociationResponse$ = [3, n0, _DPIAResc,
    0,
    [_as],
    [() => PodIdentityAssociation$]
];
var DescribeUpdateRequest$ = [3, n0, _DUR,
    0,
    [_n, _uI, _nN, _aN, _cNa],
    [[0, 1], [0, 1], [0, { [_hQ]: _nN }], [0, { [_hQ]: _aN }], [0, { [_hQ]: _cNa }]], 2
];
var DescribeUpdateResponse$ = [3, n0, _DURe,
    0,
    [_up],
    [() => Update$]
];
var DisassociateAccessPolicyRequest$ = [3, n0, _DAPR,
    0,
    [_cN, _pA, _pAo],
    [[0, 1], [0, 1], [0, 1]], 3
];
var DisassociateAccessPolicyResponse$ = [3, n0, _DAPRi,
    0,
    [],
    []
];
var DisassociateIdentityProviderConfigRequest$ = [3, n0, _DIPCRi,
    0,
    [_cN, _iPC, _cRT],
    [[0, 1], () => IdentityProviderConfig$, [0, 4]], 2
];
var DisassociateIdentityProviderConfigResponse$ = [3, n0, _DIPCRis,
    0,
    [_up],
    [() => Update$]
];
var DurationConstraints$ = [3, n0, _DC,
    0,
    [_mi, _max],
    [0, 0]
];
var DurationParameterConfig$ = [3, n0, _DPC,
    0,
    [_dVe, _cons],
    [0, () => DurationConstraints$]
];
var EksAnywhereSubscription$ = [3, n0, _EAS,
    0,
    [_i, _a, _cA, _eD, _eDx, _lQ, _lT, _te, _st, _aR, _lA, _li, _t],
    [0, 0, 4, 4, 4, 1, 0, () => EksAnywhereSubscriptionTerm$, 0, 2, 64 | 0, () => LicenseList, 128 | 0]
];
var EksAnywhereSubscriptionTerm$ = [3, n0, _EAST,
    0,
    [_du, _un],
    [1, 0]
];
var ElasticLoadBalancing$ = [3, n0, _ELB,
    0,
    [_en, _gA],
    [2, () => GatewayApiConfiguration$]
];
var EncryptionConfig$ = [3, n0, _EC,
    0,
    [_res, _pr],
    [64 | 0, () => Provider$]
];
var ErrorDetail$ = [3, n0, _ED,
    0,
    [_eCr, _eM, _rI],
    [0, 0, 64 | 0]
];
var EtcdPlacementRequest$ = [3, n0, _EPR,
    0,
    [_sL],
    [0]
];
var EtcdPlacementResponse$ = [3, n0, _EPRt,
    0,
    [_sL],
    [0]
];
var FargateProfile$ = [3, n0, _FP,
    0,
    [_fPN, _fPA, _cN, _cA, _pERA, _sub, _sel, _st, _t, _h],
    [0, 0, 0, 4, 0, 64 | 0, () => FargateProfileSelectors, 0, 128 | 0, () => FargateProfileHealth$]
];
var FargateProfileHealth$ = [3, n0, _FPH,
    0,
    [_is],
    [() => FargateProfileIssueList]
];
var FargateProfileIssue$ = [3, n0, _FPI,
    0,
    [_co, _m, _rI],
    [0, 0, 64 | 0]
];
var FargateProfileSelector$ = [3, n0, _FPS,
    0,
    [_nam, _la],
    [0, 128 | 0]
];
var GatewayApiConfiguration$ = [3, n0, _GAC,
    0,
    [_cr],
    [() => CrdManagementConfiguration$]
];
var HorizontalPodAutoscalerControllerConfigRequest$ = [3, n0, _HPACCR,
    0,
    [_hPASP],
    [0]
];
var HorizontalPodAutoscalerControllerConfigResponse$ = [3, n0, _HPACCRo,
    0,
    [_hPASP],
    [0]
];
var HorizontalPodAutoscalerControllerVersionConfig$ = [3, n0, _HPACVC,
    0,
    [_hPASP],
    [() => DurationParameterConfig$]
];
var Identity$ = [3, n0, _I,
    0,
    [_oi],
    [() => OIDC$]
];
var IdentityProviderConfig$ = [3, n0, _IPC,
    0,
    [_ty, _n],
    [0, 0], 2
];
var IdentityProviderConfigResponse$ = [3, n0, _IPCR,
    0,
    [_oi],
    [() => OidcIdentityProviderConfig$]
];
var Insight$ = [3, n0, _In,
    0,
    [_i, _n, _cat, _kV, _lRTa, _lTT, _de, _iS, _rec, _aId, _res, _cSS],
    [0, 0, 0, 0, 4, 4, 0, () => InsightStatus$, 0, 128 | 0, () => InsightResourceDetails, () => InsightCategorySpecificSummary$]
];
var InsightCategorySpecificSummary$ = [3, n0, _ICSS,
    0,
    [_dD, _aCD],
    [() => DeprecationDetails, () => AddonCompatibilityDetails]
];
var InsightResourceDetail$ = [3, n0, _IRD,
    0,
    [_iS, _kRU, _a],
    [() => InsightStatus$, 0, 0]
];
var InsightsFilter$ = [3, n0, _IF,
    0,
    [_cate, _kVu, _sta],
    [64 | 0, 64 | 0, 64 | 0]
];
var InsightStatus$ = [3, n0, _IS,
    0,
    [_st, _re],
    [0, 0]
];
var InsightSummary$ = [3, n0, _ISn,
    0,
    [_i, _n, _cat, _kV, _lRTa, _lTT, _de, _iS],
    [0, 0, 0, 0, 4, 4, 0, () => InsightStatus$]
];
var IntegerConstraints$ = [3, n0, _IC,
    0,
    [_mi, _max],
    [1, 1]
];
var IntegerParameterConfig$ = [3, n0, _IPCn,
    0,
    [_dVe, _cons],
    [1, () => IntegerConstraints$]
];
var IntegerRangeConstraint$ = [3, n0, _IRC,
    0,
    [_mi, _max],
    [1, 1]
];
var Issue$ = [3, n0, _Is,
    0,
    [_co, _m, _rI],
    [0, 0, 64 | 0]
];
var KubeApiServerConfigRequest$ = [3, n0, _KASCR,
    0,
    [_eT, _sNPR],
    [0, () => ServiceNodePortRange$]
];
var KubeApiServerConfigResponse$ = [3, n0, _KASCRu,
    0,
    [_eT, _sNPR],
    [0, () => ServiceNodePortRange$]
];
var KubeApiServerVersionConfig$ = [3, n0, _KASVC,
    0,
    [_eT, _sNPR],
    [() => DurationParameterConfig$, () => PortRangeParameterConfig$]
];
var KubeControllerManagerConfigRequest$ = [3, n0, _KCMCR,
    0,
    [_pGCC, _hPACC],
    [() => PodGcControllerConfigRequest$, () => HorizontalPodAutoscalerControllerConfigRequest$]
];
var KubeControllerManagerConfigResponse$ = [3, n0, _KCMCRu,
    0,
    [_pGCC, _hPACC],
    [() => PodGcControllerConfigResponse$, () => HorizontalPodAutoscalerControllerConfigResponse$]
];
var KubeControllerManagerVersionConfig$ = [3, n0, _KCMVC,
    0,
    [_pGCC, _hPACC],
    [() => PodGcControllerVersionConfig$, () => HorizontalPodAutoscalerControllerVersionConfig$]
];
var KubernetesNetworkConfigRequest$ = [3, n0, _KNCR,
    0,
    [_sIC, _iF, _eLB],
    [0, 0, () => ElasticLoadBalancing$]
];
var KubernetesNetworkConfigResponse$ = [3, n0, _KNCRu,
    0,
    [_sIC, _sICe, _iF, _eLB],
    [0, 0, 0, () => ElasticLoadBalancing$]
];
var KubeSchedulerConfigRequest$ = [3, n0, _KSCR,
    0,
    [_nRF],
    [() => NodeResourcesFitConfig$]
];
var KubeSchedulerConfigResponse$ = [3, n0, _KSCRu,
    0,
    [_nRF],
    [() => NodeResourcesFitConfig$]
];
var KubeSchedulerVersionConfig$ = [3, n0, _KSVC,
    0,
    [_nRF],
    [() => NodeResourcesFitVersionConfig$]
];
var LaunchTemplateSpecification$ = [3, n0, _LTS,
    0,
    [_n, _v, _i],
    [0, 0, 0]
];
var License$ = [3, n0, _L,
    0,
    [_i, _to],
    [0, 0]
];
var ListAccessEntriesRequest$ = [3, n0, _LAER,
    0,
    [_cN, _aPA, _mR, _nT],
    [[0, 1], [0, { [_hQ]: _aPA }], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListAccessEntriesResponse$ = [3, n0, _LAERi,
    0,
    [_aEcc, _nT],
    [64 | 0, 0]
];
var ListAccessPoliciesRequest$ = [3, n0, _LAPR,
    0,
    [_mR, _nT],
    [[1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]]
];
var ListAccessPoliciesResponse$ = [3, n0, _LAPRi,
    0,
    [_aP, _nT],
    [() => AccessPoliciesList, 0]
];
var ListAddonsRequest$ = [3, n0, _LAR,
    0,
    [_cN, _mR, _nT],
    [[0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListAddonsResponse$ = [3, n0, _LARi,
    0,
    [_add, _nT],
    [64 | 0, 0]
];
var ListAssociatedAccessPoliciesRequest$ = [3, n0, _LAAPR,
    0,
    [_cN, _pA, _mR, _nT],
    [[0, 1], [0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 2
];
var ListAssociatedAccessPoliciesResponse$ = [3, n0, _LAAPRi,
    0,
    [_cN, _pA, _nT, _aAPs],
    [0, 0, 0, () => AssociatedAccessPoliciesList]
];
var ListCapabilitiesRequest$ = [3, n0, _LCR,
    0,
    [_cN, _nT, _mR],
    [[0, 1], [0, { [_hQ]: _nT }], [1, { [_hQ]: _mR }]], 1
];
var ListCapabilitiesResponse$ = [3, n0, _LCRi,
    0,
    [_cap, _nT],
    [() => CapabilitySummaryList, 0]
];
var ListCertificateAuthoritiesRequest$ = [3, n0, _LCAR,
    0,
    [_cN, _mR, _nT],
    [[0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListCertificateAuthoritiesResponse$ = [3, n0, _LCARi,
    0,
    [_cAer, _nT],
    [() => CertificateAuthoritySummaryList, 0]
];
var ListClustersRequest$ = [3, n0, _LCRis,
    0,
    [_mR, _nT, _inc],
    [[1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [64 | 0, { [_hQ]: _inc }]]
];
var ListClustersResponse$ = [3, n0, _LCRist,
    0,
    [_clu, _nT],
    [64 | 0, 0]
];
var ListEksAnywhereSubscriptionsRequest$ = [3, n0, _LEASR,
    0,
    [_mR, _nT, _iSn],
    [[1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }], [64 | 0, { [_hQ]: _iSn }]]
];
var ListEksAnywhereSubscriptionsResponse$ = [3, n0, _LEASRi,
    0,
    [_subs, _nT],
    [() => EksAnywhereSubscriptionList, 0]
];
var ListFargateProfilesRequest$ = [3, n0, _LFPR,
    0,
    [_cN, _mR, _nT],
    [[0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListFargateProfilesResponse$ = [3, n0, _LFPRi,
    0,
    [_fPNa, _nT],
    [64 | 0, 0]
];
var ListIdentityProviderConfigsRequest$ = [3, n0, _LIPCR,
    0,
    [_cN, _mR, _nT],
    [[0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListIdentityProviderConfigsResponse$ = [3, n0, _LIPCRi,
    0,
    [_iPCd, _nT],
    [() => IdentityProviderConfigs, 0]
];
var ListInsightsRequest$ = [3, n0, _LIR,
    0,
    [_cN, _f, _mR, _nT],
    [[0, 1], () => InsightsFilter$, 1, 0], 1
];
var ListInsightsResponse$ = [3, n0, _LIRi,
    0,
    [_ins, _nT],
    [() => InsightSummaries, 0]
];
var ListNodegroupsRequest$ = [3, n0, _LNR,
    0,
    [_cN, _mR, _nT],
    [[0, 1], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListNodegroupsResponse$ = [3, n0, _LNRi,
    0,
    [_nod, _nT],
    [64 | 0, 0]
];
var ListPodIdentityAssociationsRequest$ = [3, n0, _LPIAR,
    0,
    [_cN, _nam, _sA, _mR, _nT],
    [[0, 1], [0, { [_hQ]: _nam }], [0, { [_hQ]: _sA }], [1, { [_hQ]: _mR }], [0, { [_hQ]: _nT }]], 1
];
var ListPodIdentityAssociationsResponse$ = [3, n0, _LPIARi,
    0,
    [_ass, _nT],
    [() => PodIdentityAssociationSummaries, 0]
];
var ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_rAes],
    [[0, 1]], 1
];
var ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_t],
    [128 | 0]
];
var ListUpdatesRequest$ = [3, n0, _LUR,
    0,
    [_n, _nN, _aN, _cNa, _nT, _mR],
    [[0, 1], [0, { [_hQ]: _nN }], [0, { [_hQ]: _aN }], [0, { [_hQ]: _cNa }], [0, { [_hQ]: _nT }], [1, { [_hQ]: _mR }]], 1
];
var ListUpdatesResponse$ = [3, n0, _LURi,
    0,
    [_uIp, _nT],
    [64 | 0, 0]
];
var Logging$ = [3, n0, _Lo,
    0,
    [_cL],
    [() => LogSetups]
];
var LogSetup$ = [3, n0, _LS,
    0,
    [_typ, _en],
    [64 | 0, 2]
];
var MarketplaceInformation$ = [3, n0, _MI,
    0,
    [_pI, _pU],
    [0, 0]
];
var Nodegroup$ = [3, n0, _N,
    0,
    [_nN, _nAod, _cN, _v, _rV, _cA, _mA, _st, _cTa, _sCc, _iT, _sub, _rAe, _aT, _nR, _la, _ta, _res, _dSis, _h, _uC, _nRC, _lTa, _t, _wPC],
    [0, 0, 0, 0, 0, 4, 4, 0, 0, () => NodegroupScalingConfig$, 64 | 0, 64 | 0, () => RemoteAccessConfig$, 0, 0, 128 | 0, () => taintsList, () => NodegroupResources$, 1, () => NodegroupHealth$, () => NodegroupUpdateConfig$, () => NodeRepairConfig$, () => LaunchTemplateSpecification$, 128 | 0, () => WarmPoolConfig$]
];
var NodegroupHealth$ = [3, n0, _NH,
    0,
    [_is],
    [() => IssueList]
];
var NodegroupResources$ = [3, n0, _NR,
    0,
    [_aSG, _rASG],
    [() => AutoScalingGroupList, 0]
];
var NodegroupScalingConfig$ = [3, n0, _NSC,
    0,
    [_mS, _mSa, _dSe],
    [1, 1, 1]
];
var NodegroupUpdateConfig$ = [3, n0, _NUC,
    0,
    [_mU, _mUP, _uS],
    [1, 1, 0]
];
var NodeRepairConfig$ = [3, n0, _NRC,
    0,
    [_en, _mUNTC, _mUNTP, _mPNRC, _mPNRP, _nRCO],
    [2, 1, 1, 1, 1, () => NodeRepairConfigOverridesList]
];
var NodeRepairConfigOverrides$ = [3, n0, _NRCO,
    0,
    [_nMC, _nUR, _mRWTM, _rAep],
    [0, 0, 1, 0]
];
var NodeResourcesFitConfig$ = [3, n0, _NRFC,
    0,
    [_sSc],
    [() => ScoringStrategy$]
];
var NodeResourcesFitVersionConfig$ = [3, n0, _NRFVC,
    0,
    [_sSc],
    [() => ScoringStrategyConfig$]
];
var OIDC$ = [3, n0, _OIDC,
    0,
    [_iss],
    [0]
];
var OidcIdentityProviderConfig$ = [3, n0, _OIPC,
    0,
    [_iPCN, _iPCA, _cN, _iU, _cI, _uCs, _uPs, _gC, _gP, _rCeq, _t, _st],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 128 | 0, 128 | 0, 0]
];
var OidcIdentityProviderConfigRequest$ = [3, n0, _OIPCR,
    0,
    [_iPCN, _iU, _cI, _uCs, _uPs, _gC, _gP, _rCeq],
    [0, 0, 0, 0, 0, 0, 0, 128 | 0], 3
];
var OutpostConfigRequest$ = [3, n0, _OCR,
    0,
    [_oA, _cPIT, _cPP, _eIT, _ePt],
    [64 | 0, 0, () => ControlPlanePlacementRequest$, 0, () => EtcdPlacementRequest$], 2
];
var OutpostConfigResponse$ = [3, n0, _OCRu,
    0,
    [_oA, _cPIT, _cPP, _eIT, _ePt],
    [64 | 0, 0, () => ControlPlanePlacementResponse$, 0, () => EtcdPlacementResponse$], 2
];
var PodGcControllerConfigRequest$ = [3, n0, _PGCCR,
    0,
    [_tPGT],
    [1]
];
var PodGcControllerConfigResponse$ = [3, n0, _PGCCRo,
    0,
    [_tPGT],
    [1]
];
var PodGcControllerVersionConfig$ = [3, n0, _PGCVC,
    0,
    [_tPGT],
    [() => IntegerParameterConfig$]
];
var PodIdentityAssociation$ = [3, n0, _PIA,
    0,
    [_cN, _nam, _sA, _rA, _aAss, _aIs, _t, _cA, _mA, _oAw, _dST, _tRA, _eI, _po],
    [0, 0, 0, 0, 0, 0, 128 | 0, 4, 4, 0, 2, 0, 0, 0]
];
var PodIdentityAssociationSummary$ = [3, n0, _PIAS,
    0,
    [_cN, _nam, _sA, _aAss, _aIs, _oAw],
    [0, 0, 0, 0, 0, 0]
];
var PortRangeConstraints$ = [3, n0, _PRC,
    0,
    [_mP, _mPa],
    [() => IntegerRangeConstraint$, () => IntegerRangeConstraint$]
];
var PortRangeParameterConfig$ = [3, n0, _PRPC,
    0,
    [_dVe, _cons],
    [() => ServiceNodePortRange$, () => PortRangeConstraints$]
];
var Provider$ = [3, n0, _P,
    0,
    [_kA],
    [0]
];
var RegisterClusterRequest$ = [3, n0, _RCR,
    0,
    [_n, _cC, _cRT, _t],
    [0, () => ConnectorConfigRequest$, [0, 4], 128 | 0], 2
];
var RegisterClusterResponse$ = [3, n0, _RCRe,
    0,
    [_cl],
    [() => Cluster$]
];
var RemoteAccessConfig$ = [3, n0, _RAC,
    0,
    [_eSK, _sSG],
    [0, 64 | 0]
];
var RemoteNetworkConfigRequest$ = [3, n0, _RNCR,
    0,
    [_rNN, _rPN],
    [() => RemoteNodeNetworkList, () => RemotePodNetworkList]
];
var RemoteNetworkConfigResponse$ = [3, n0, _RNCRe,
    0,
    [_rNN, _rPN],
    [() => RemoteNodeNetworkList, () => RemotePodNetworkList]
];
var RemoteNodeNetwork$ = [3, n0, _RNN,
    0,
    [_ci],
    [64 | 0]
];
var RemotePodNetwork$ = [3, n0, _RPN,
    0,
    [_ci],
    [64 | 0]
];
var ResourceConstraints$ = [3, n0, _RC,
    0,
    [_n, _w],
    [() => AllowedValuesConstraint$, () => IntegerRangeConstraint$]
];
var ResourceWeight$ = [3, n0, _RW,
    0,
    [_n, _w],
    [0, 1]
];
var RollbackConfig$ = [3, n0, _RCo,
    0,
    [_tM],
    [1]
];
var ScoringStrategy$ = [3, n0, _SS,
    0,
    [_ty, _res],
    [0, () => ResourceWeightList]
];
var ScoringStrategyConfig$ = [3, n0, _SSC,
    0,
    [_dVe, _cons],
    [() => ScoringStrategy$, () => ScoringStrategyConstraints$]
];
var ScoringStrategyConstraints$ = [3, n0, _SSCc,
    0,
    [_sSc, _res],
    [() => AllowedValuesConstraint$, () => ResourceConstraints$]
];
var ServiceNodePortRange$ = [3, n0, _SNPR,
    0,
    [_mP, _mPa],
    [1, 1]
];
var SsoIdentity$ = [3, n0, _SI,
    0,
    [_i, _ty],
    [0, 0], 2
];
var StartInsightsRefreshRequest$ = [3, n0, _SIRR,
    0,
    [_cN],
    [[0, 1]], 1
];
var StartInsightsRefreshResponse$ = [3, n0, _SIRRt,
    0,
    [_m, _st],
    [0, 0]
];
var StorageConfigRequest$ = [3, n0, _SCR,
    0,
    [_bS],
    [() => BlockStorage$]
];
var StorageConfigResponse$ = [3, n0, _SCRt,
    0,
    [_bS],
    [() => BlockStorage$]
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_rAes, _t],
    [[0, 1], 128 | 0], 2
];
var TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
var Taint$ = [3, n0, _T,
    0,
    [_k, _val, _ef],
    [0, 0, 0]
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_rAes, _tK],
    [[0, 1], [64 | 0, { [_hQ]: _tK }]], 2
];
var UntagResourceResponse$ = [3, n0, _URRn,
    0,
    [],
    []
];
var Update$ = [3, n0, _U,
    0,
    [_i, _st, _ty, _pa, _cA, _er, _can],
    [0, 0, 0, () => UpdateParams, 4, () => ErrorDetails, () => Cancellation$]
];
var UpdateAccessConfigRequest$ = [3, n0, _UACR,
    0,
    [_aM],
    [0]
];
var UpdateAccessEntryRequest$ = [3, n0, _UAER,
    0,
    [_cN, _pA, _kG, _cRT, _u],
    [[0, 1], [0, 1], 64 | 0, [0, 4], 0], 2
];
var UpdateAccessEntryResponse$ = [3, n0, _UAERp,
    0,
    [_aEc],
    [() => AccessEntry$]
];
var UpdateAckConfig$ = [3, n0, _UAC,
    0,
    [_eCN, _dS],
    [2, 64 | 0]
];
var UpdateAddonRequest$ = [3, n0, _UAR,
    0,
    [_cN, _aN, _aV, _sARA, _rCe, _cRT, _cV, _pIA],
    [[0, 1], [0, 1], 0, 0, 0, [0, 4], 0, () => AddonPodIdentityAssociationsList], 2
];
var UpdateAddonResponse$ = [3, n0, _UARp,
    0,
    [_up],
    [() => Update$]
];
var UpdateArgoCdConfig$ = [3, n0, _UACC,
    0,
    [_rRM, _nA],
    [() => UpdateRoleMappings$, () => ArgoCdNetworkAccessConfigRequest$]
];
var UpdateCapabilityConfiguration$ = [3, n0, _UCC,
    0,
    [_aC, _ac],
    [() => UpdateArgoCdConfig$, () => UpdateAckConfig$]
];
var UpdateCapabilityRequest$ = [3, n0, _UCR,
    0,
    [_cN, _cNa, _rA, _con, _cRT, _dPP],
    [[0, 1], [0, 1], 0, () => UpdateCapabilityConfiguration$, [0, 4], 0], 2
];
var UpdateCapabilityResponse$ = [3, n0, _UCRp,
    0,
    [_up],
    [() => Update$]
];
var UpdateClusterConfigRequest$ = [3, n0, _UCCR,
    0,
    [_n, _rVC, _l, _cRT, _aCc, _uP, _zSC, _cCo, _kNC, _sC, _rNC, _dP, _cPSC, _kASC, _kSC, _kCMC],
    [[0, 1], () => VpcConfigRequest$, () => Logging$, [0, 4], () => UpdateAccessConfigRequest$, () => UpgradePolicyRequest$, () => ZonalShiftConfigRequest$, () => ComputeConfigRequest$, () => KubernetesNetworkConfigRequest$, () => StorageConfigRequest$, () => RemoteNetworkConfigRequest$, 2, () => ControlPlaneScalingConfig$, () => KubeApiServerConfigRequest$, () => KubeSchedulerConfigRequest$, () => KubeControllerManagerConfigRequest$], 1
];
var UpdateClusterConfigResponse$ = [3, n0, _UCCRp,
    0,
    [_up],
    [() => Update$]
];
var UpdateClusterVersionRequest$ = [3, n0, _UCVR,
    0,
    [_n, _v, _cRT, _fo, _rCo],
    [[0, 1], 0, [0, 4], 2, () => RollbackConfig$], 2
];
var UpdateClusterVersionResponse$ = [3, n0, _UCVRp,
    0,
    [_up],
    [() => Update$]
];
var UpdateEksAnywhereSubscriptionRequest$ = [3, n0, _UEASR,
    0,
    [_i, _aR, _cRT],
    [[0, 1], 2, [0, 4]], 2
];
var UpdateEksAnywhereSubscriptionResponse$ = [3, n0, _UEASRp,
    0,
    [_su],
    [() => EksAnywhereSubscription$]
];
var UpdateLabelsPayload$ = [3, n0, _ULP,
    0,
    [_aOUL, _rL],
    [128 | 0, 64 | 0]
];
var UpdateNodegroupConfigRequest$ = [3, n0, _UNCR,
    0,
    [_cN, _nN, _la, _ta, _sCc, _uC, _nRC, _wPC, _cRT],
    [[0, 1], [0, 1], () => UpdateLabelsPayload$, () => UpdateTaintsPayload$, () => NodegroupScalingConfig$, () => NodegroupUpdateConfig$, () => NodeRepairConfig$, () => WarmPoolConfig$, [0, 4]], 2
];
var UpdateNodegroupConfigResponse$ = [3, n0, _UNCRp,
    0,
    [_up],
    [() => Update$]
];
var UpdateNodegroupVersionRequest$ = [3, n0, _UNVR,
    0,
    [_cN, _nN, _v, _rV, _lTa, _fo, _cRT],
    [[0, 1], [0, 1], 0, 0, () => LaunchTemplateSpecification$, 2, [0, 4]], 2
];
var UpdateNodegroupVersionResponse$ = [3, n0, _UNVRp,
    0,
    [_up],
    [() => Update$]
];
var UpdateParam$ = [3, n0, _UP,
    0,
    [_ty, _val],
    [0, 0]
];
var UpdatePodIdentityAssociationRequest$ = [3, n0, _UPIAR,
    0,
    [_cN, _aIs, _rA, _cRT, _dST, _tRA, _po],
    [[0, 1], [0, 1], 0, [0, 4], 2, 0, 0], 2
];
var UpdatePodIdentityAssociationResponse$ = [3, n0, _UPIARp,
    0,
    [_as],
    [() => PodIdentityAssociation$]
];
var UpdateRoleMappings$ = [3, n0, _URM,
    0,
    [_aOURM, _rRMe],
    [() => ArgoCdRoleMappingList, () => ArgoCdRoleMappingList]
];
var UpdateTaintsPayload$ = [3, n0, _UTP,
    0,
    [_aOUT, _rT],
    [() => taintsList, () => taintsList]
];
var UpgradePolicyRequest$ = [3, n0, _UPR,
    0,
    [_sT],
    [0]
];
var UpgradePolicyResponse$ = [3, n0, _UPRp,
    0,
    [_sT],
    [0]
];
var VpcConfigRequest$ = [3, n0, _VCR,
    0,
    [_sIu, _sGI, _ePA, _ePAn, _pAC, _cPEM],
    [64 | 0, 64 | 0, 2, 2, 64 | 0, 0]
];
var VpcConfigResponse$ = [3, n0, _VCRp,
    0,
    [_sIu, _sGI, _cSGI, _vIp, _ePA, _ePAn, _pAC, _cPEM],
    [64 | 0, 64 | 0, 0, 0, 2, 2, 64 | 0, 0]
];
var WarmPoolConfig$ = [3, n0, _WPC,
    0,
    [_en, _mS, _mGPC, _pS, _rOSI],
    [2, 1, 1, 0, 2]
];
var ZonalShiftConfigRequest$ = [3, n0, _ZSCR,
    0,
    [_en],
    [2]
];
var ZonalShiftConfigResponse$ = [3, n0, _ZSCRo,
    0,
    [_en],
    [2]
];
var AccessPoliciesList = [1, n0, _APL,
    0, () => AccessPolicy$
];
var AddonCompatibilityDetails = [1, n0, _ACDd,
    0, () => AddonCompatibilityDetail$
];
var AddonIssueList = [1, n0, _AIL,
    0, () => AddonIssue$
];
var AddonPodIdentityAssociationsList = [1, n0, _APIAL,
    0, () => AddonPodIdentityAssociations$
];
var AddonPodIdentityConfigurationList = [1, n0, _APICL,
    0, () => AddonPodIdentityConfiguration$
];
var Addons = [1, n0, _Ad,
    0, () => AddonInfo$
];
var AddonVersionInfoList = [1, n0, _AVIL,
    0, () => AddonVersionInfo$
];
var ArgoCdRoleMappingList = [1, n0, _ACRML,
    0, () => ArgoCdRoleMapping$
];
var AssociatedAccessPoliciesList = [1, n0, _AAPL,
    0, () => AssociatedAccessPolicy$
];
var AutoScalingGroupList = [1, n0, _ASGL,
    0, () => AutoScalingGroup$
];
var CapabilityIssueList = [1, n0, _CIL,
    0, () => CapabilityIssue$
];
var CapabilitySummaryList = [1, n0, _CSL,
    0, () => CapabilitySummary$
];
var CertificateAuthoritySummaryList = [1, n0, _CASL,
    0, () => CertificateAuthoritySummary$
];
var ClientStats = [1, n0, _CSli,
    0, () => ClientStat$
];
var ClusterIssueList = [1, n0, _CILl,
    0, () => ClusterIssue$
];
var ClusterVersionList = [1, n0, _CVL,
    0, () => ClusterVersionInformation$
];
var Compatibilities = [1, n0, _Com,
    0, () => Compatibility$
];
var ControlPlaneScalingTierList = [1, n0, _CPSTL,
    0, () => ControlPlaneScalingTierInfo$
];
var DeprecationDetails = [1, n0, _DDe,
    0, () => DeprecationDetail$
];
var EksAnywhereSubscriptionList = [1, n0, _EASL,
    0, () => EksAnywhereSubscription$
];
var EncryptionConfigList = [1, n0, _ECL,
    0, () => EncryptionConfig$
];
var ErrorDetails = [1, n0, _EDr,
    0, () => ErrorDetail$
];
var FargateProfileIssueList = [1, n0, _FPIL,
    0, () => FargateProfileIssue$
];
var FargateProfileSelectors = [1, n0, _FPSa,
    0, () => FargateProfileSelector$
];
var IdentityProviderConfigs = [1, n0, _IPCd,
    0, () => IdentityProviderConfig$
];
var InsightResourceDetails = [1, n0, _IRDn,
    0, () => InsightResourceDetail$
];
var InsightSummaries = [1, n0, _ISns,
    0, () => InsightSummary$
];
var IssueList = [1, n0, _IL,
    0, () => Issue$
];
var LicenseList = [1, n0, _LL,
    0, () => License$
];
var LogSetups = [1, n0, _LSo,
    0, () => LogSetup$
];
var NodeRepairConfigOverridesList = [1, n0, _NRCOL,
    0, () => NodeRepairConfigOverrides$
];
var PodIdentityAssociationSummaries = [1, n0, _PIASo,
    0, () => PodIdentityAssociationSummary$
];
var RemoteNodeNetworkList = [1, n0, _RNNL,
    0, () => RemoteNodeNetwork$
];
var RemotePodNetworkList = [1, n0, _RPNL,
    0, () => RemotePodNetwork$
];
var ResourceWeightList = [1, n0, _RWL,
    0, () => ResourceWeight$
];
var SsoIdentityList = [1, n0, _SIL,
    0, () => SsoIdentity$
];
var taintsList = [1, n0, _tL,
    0, () => Taint$
];
var UpdateParams = [1, n0, _UPp,
    0, () => UpdateParam$
];
var ActivateCertificateAuthority$ = [9, n0, _ACAc,
    { [_ht]: ["POST", "/clusters/{clusterName}/certificate-authorities/{certificateAuthorityId}/activate", 200] }, () => ActivateCertificateAuthorityRequest$, () => ActivateCertificateAuthorityResponse$
];
var AssociateAccessPolicy$ = [9, n0, _AAPs,
    { [_ht]: ["POST", "/clusters/{clusterName}/access-entries/{principalArn}/access-policies", 200] }, () => AssociateAccessPolicyRequest$, () => AssociateAccessPolicyResponse$
];
var AssociateEncryptionConfig$ = [9, n0, _AEC,
    { [_ht]: ["POST", "/clusters/{clusterName}/encryption-config/associate", 200] }, () => AssociateEncryptionConfigRequest$, () => AssociateEncryptionConfigResponse$
];
var AssociateIdentityProviderConfig$ = [9, n0, _AIPC,
    { [_ht]: ["POST", "/clusters/{clusterName}/identity-provider-configs/associate", 200] }, () => AssociateIdentityProviderConfigRequest$, () => AssociateIdentityProviderConfigResponse$
];
var CancelUpdate$ = [9, n0, _CU,
    { [_ht]: ["POST", "/clusters/{name}/updates/{updateId}/cancel-update", 200] }, () => CancelUpdateRequest$, () => CancelUpdateResponse$
];
var CreateAccessEntry$ = [9, n0, _CAE,
    { [_ht]: ["POST", "/clusters/{clusterName}/access-entries", 200] }, () => CreateAccessEntryRequest$, () => CreateAccessEntryResponse$
];
var CreateAddon$ = [9, n0, _CAr,
    { [_ht]: ["POST", "/clusters/{clusterName}/addons", 200] }, () => CreateAddonRequest$, () => CreateAddonResponse$
];
var CreateCapability$ = [9, n0, _CC,
    { [_ht]: ["POST", "/clusters/{clusterName}/capabilities", 200] }, () => CreateCapabilityRequest$, () => CreateCapabilityResponse$
];
var CreateCertificateAuthority$ = [9, n0, _CCA,
    { [_ht]: ["POST", "/clusters/{clusterName}/certificate-authorities", 200] }, () => CreateCertificateAuthorityRequest$, () => CreateCertificateAuthorityResponse$
];
var CreateCluster$ = [9, n0, _CCr,
    { [_ht]: ["POST", "/clusters", 200] }, () => CreateClusterRequest$, () => CreateClusterResponse$
];
var CreateEksAnywhereSubscription$ = [9, n0, _CEAS,
    { [_ht]: ["POST", "/eks-anywhere-subscriptions", 200] }, () => CreateEksAnywhereSubscriptionRequest$, () => CreateEksAnywhereSubscriptionResponse$
];
var CreateFargateProfile$ = [9, n0, _CFP,
    { [_ht]: ["POST", "/clusters/{clusterName}/fargate-profiles", 200] }, () => CreateFargateProfileRequest$, () => CreateFargateProfileResponse$
];
var CreateNodegroup$ = [9, n0, _CN,
    { [_ht]: ["POST", "/clusters/{clusterName}/node-groups", 200] }, () => CreateNodegroupRequest$, () => CreateNodegroupResponse$
];
var CreatePodIdentityAssociation$ = [9, n0, _CPIA,
    { [_ht]: ["POST", "/clusters/{clusterName}/pod-identity-associations", 200] }, () => CreatePodIdentityAssociationRequest$, () => CreatePodIdentityAssociationResponse$
];
var DeleteAccessEntry$ = [9, n0, _DAE,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/access-entries/{principalArn}", 200] }, () => DeleteAccessEntryRequest$, () => DeleteAccessEntryResponse$
];
var DeleteAddon$ = [9, n0, _DA,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/addons/{addonName}", 200] }, () => DeleteAddonRequest$, () => DeleteAddonResponse$
];
var DeleteCapability$ = [9, n0, _DCe,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/capabilities/{capabilityName}", 200] }, () => DeleteCapabilityRequest$, () => DeleteCapabilityResponse$
];
var DeleteCertificateAuthority$ = [9, n0, _DCA,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/certificate-authorities/{certificateAuthorityId}", 200] }, () => DeleteCertificateAuthorityRequest$, () => DeleteCertificateAuthorityResponse$
];
var DeleteCluster$ = [9, n0, _DCel,
    { [_ht]: ["DELETE", "/clusters/{name}", 200] }, () => DeleteClusterRequest$, () => DeleteClusterResponse$
];
var DeleteEksAnywhereSubscription$ = [9, n0, _DEAS,
    { [_ht]: ["DELETE", "/eks-anywhere-subscriptions/{id}", 200] }, () => DeleteEksAnywhereSubscriptionRequest$, () => DeleteEksAnywhereSubscriptionResponse$
];
var DeleteFargateProfile$ = [9, n0, _DFP,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/fargate-profiles/{fargateProfileName}", 200] }, () => DeleteFargateProfileRequest$, () => DeleteFargateProfileResponse$
];
var DeleteNodegroup$ = [9, n0, _DN,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/node-groups/{nodegroupName}", 200] }, () => DeleteNodegroupRequest$, () => DeleteNodegroupResponse$
];
var DeletePodIdentityAssociation$ = [9, n0, _DPIA,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/pod-identity-associations/{associationId}", 200] }, () => DeletePodIdentityAssociationRequest$, () => DeletePodIdentityAssociationResponse$
];
var DeregisterCluster$ = [9, n0, _DCer,
    { [_ht]: ["DELETE", "/cluster-registrations/{name}", 200] }, () => DeregisterClusterRequest$, () => DeregisterClusterResponse$
];
var DescribeAccessEntry$ = [9, n0, _DAEe,
    { [_ht]: ["GET", "/clusters/{clusterName}/access-entries/{principalArn}", 200] }, () => DescribeAccessEntryRequest$, () => DescribeAccessEntryResponse$
];
var DescribeAddon$ = [9, n0, _DAe,
    { [_ht]: ["GET", "/clusters/{clusterName}/addons/{addonName}", 200] }, () => DescribeAddonRequest$, () => DescribeAddonResponse$
];
var DescribeAddonConfiguration$ = [9, n0, _DAC,
    { [_ht]: ["GET", "/addons/configuration-schemas", 200] }, () => DescribeAddonConfigurationRequest$, () => DescribeAddonConfigurationResponse$
];
var DescribeAddonVersions$ = [9, n0, _DAV,
    { [_ht]: ["GET", "/addons/supported-versions", 200] }, () => DescribeAddonVersionsRequest$, () => DescribeAddonVersionsResponse$
];
var DescribeCapability$ = [9, n0, _DCes,
    { [_ht]: ["GET", "/clusters/{clusterName}/capabilities/{capabilityName}", 200] }, () => DescribeCapabilityRequest$, () => DescribeCapabilityResponse$
];
var DescribeCertificateAuthority$ = [9, n0, _DCAe,
    { [_ht]: ["GET", "/clusters/{clusterName}/certificate-authorities/{certificateAuthorityId}", 200] }, () => DescribeCertificateAuthorityRequest$, () => DescribeCertificateAuthorityResponse$
];
var DescribeCluster$ = [9, n0, _DCesc,
    { [_ht]: ["GET", "/clusters/{name}", 200] }, () => DescribeClusterRequest$, () => DescribeClusterResponse$
];
var DescribeClusterVersions$ = [9, n0, _DCV,
    { [_ht]: ["GET", "/cluster-versions", 200] }, () => DescribeClusterVersionsRequest$, () => DescribeClusterVersionsResponse$
];
var DescribeEksAnywhereSubscription$ = [9, n0, _DEASe,
    { [_ht]: ["GET", "/eks-anywhere-subscriptions/{id}", 200] }, () => DescribeEksAnywhereSubscriptionRequest$, () => DescribeEksAnywhereSubscriptionResponse$
];
var DescribeFargateProfile$ = [9, n0, _DFPe,
    { [_ht]: ["GET", "/clusters/{clusterName}/fargate-profiles/{fargateProfileName}", 200] }, () => DescribeFargateProfileRequest$, () => DescribeFargateProfileResponse$
];
var DescribeIdentityProviderConfig$ = [9, n0, _DIPC,
    { [_ht]: ["POST", "/clusters/{clusterName}/identity-provider-configs/describe", 200] }, () => DescribeIdentityProviderConfigRequest$, () => DescribeIdentityProviderConfigResponse$
];
var DescribeInsight$ = [9, n0, _DI,
    { [_ht]: ["GET", "/clusters/{clusterName}/insights/{id}", 200] }, () => DescribeInsightRequest$, () => DescribeInsightResponse$
];
var DescribeInsightsRefresh$ = [9, n0, _DIRes,
    { [_ht]: ["GET", "/clusters/{clusterName}/insights-refresh", 200] }, () => DescribeInsightsRefreshRequest$, () => DescribeInsightsRefreshResponse$
];
var DescribeNodegroup$ = [9, n0, _DNe,
    { [_ht]: ["GET", "/clusters/{clusterName}/node-groups/{nodegroupName}", 200] }, () => DescribeNodegroupRequest$, () => DescribeNodegroupResponse$
];
var DescribePodIdentityAssociation$ = [9, n0, _DPIAe,
    { [_ht]: ["GET", "/clusters/{clusterName}/pod-identity-associations/{associationId}", 200] }, () => DescribePodIdentityAssociationRequest$, () => DescribePodIdentityAssociationResponse$
];
var DescribeUpdate$ = [9, n0, _DU,
    { [_ht]: ["GET", "/clusters/{name}/updates/{updateId}", 200] }, () => DescribeUpdateRequest$, () => DescribeUpdateResponse$
];
var DisassociateAccessPolicy$ = [9, n0, _DAP,
    { [_ht]: ["DELETE", "/clusters/{clusterName}/access-entries/{principalArn}/access-policies/{policyArn}", 200] }, () => DisassociateAccessPolicyRequest$, () => DisassociateAccessPolicyResponse$
];
var DisassociateIdentityProviderConfig$ = [9, n0, _DIPCi,
    { [_ht]: ["POST", "/clusters/{clusterName}/identity-provider-configs/disassociate", 200] }, () => DisassociateIdentityProviderConfigRequest$, () => DisassociateIdentityProviderConfigResponse$
];
var ListAccessEntries$ = [9, n0, _LAE,
    { [_ht]: ["GET", "/clusters/{clusterName}/access-entries", 200] }, () => ListAccessEntriesRequest$, () => ListAccessEntriesResponse$
];
var ListAccessPolicies$ = [9, n0, _LAP,
    { [_ht]: ["GET", "/access-policies", 200] }, () => ListAccessPoliciesRequest$, () => ListAccessPoliciesResponse$
];
var ListAddons$ = [9, n0, _LA,
    { [_ht]: ["GET", "/clusters/{clusterName}/addons", 200] }, () => ListAddonsRequest$, () => ListAddonsResponse$
];
var ListAssociatedAccessPolicies$ = [9, n0, _LAAP,
    { [_ht]: ["GET", "/clusters/{clusterName}/access-entries/{principalArn}/access-policies", 200] }, () => ListAssociatedAccessPoliciesRequest$, () => ListAssociatedAccessPoliciesResponse$
];
var ListCapabilities$ = [9, n0, _LC,
    { [_ht]: ["GET", "/clusters/{clusterName}/capabilities", 200] }, () => ListCapabilitiesRequest$, () => ListCapabilitiesResponse$
];
var ListCertificateAuthorities$ = [9, n0, _LCA,
    { [_ht]: ["GET", "/clusters/{clusterName}/certificate-authorities", 200] }, () => ListCertificateAuthoritiesRequest$, () => ListCertificateAuthoritiesResponse$
];
var ListClusters$ = [9, n0, _LCi,
    { [_ht]: ["GET", "/clusters", 200] }, () => ListClustersRequest$, () => ListClustersResponse$
];
var ListEksAnywhereSubscriptions$ = [9, n0, _LEAS,
    { [_ht]: ["GET", "/eks-anywhere-subscriptions", 200] }, () => ListEksAnywhereSubscriptionsRequest$, () => ListEksAnywhereSubscriptionsResponse$
];
var ListFargateProfiles$ = [9, n0, _LFP,
    { [_ht]: ["GET", "/clusters/{clusterName}/fargate-profiles", 200] }, () => ListFargateProfilesRequest$, () => ListFargateProfilesResponse$
];
var ListIdentityProviderConfigs$ = [9, n0, _LIPC,
    { [_ht]: ["GET", "/clusters/{clusterName}/identity-provider-configs", 200] }, () => ListIdentityProviderConfigsRequest$, () => ListIdentityProviderConfigsResponse$
];
var ListInsights$ = [9, n0, _LI,
    { [_ht]: ["POST", "/clusters/{clusterName}/insights", 200] }, () => ListInsightsRequest$, () => ListInsightsResponse$
];
var ListNodegroups$ = [9, n0, _LN,
    { [_ht]: ["GET", "/clusters/{clusterName}/node-groups", 200] }, () => ListNodegroupsRequest$, () => ListNodegroupsResponse$
];
var ListPodIdentityAssociations$ = [9, n0, _LPIA,
    { [_ht]: ["GET", "/clusters/{clusterName}/pod-identity-associations", 200] }, () => ListPodIdentityAssociationsRequest$, () => ListPodIdentityAssociationsResponse$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    { [_ht]: ["GET", "/tags/{resourceArn}", 200] }, () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$
];
var ListUpdates$ = [9, n0, _LU,
    { [_ht]: ["GET", "/clusters/{name}/updates", 200] }, () => ListUpdatesRequest$, () => ListUpdatesResponse$
];
var RegisterCluster$ = [9, n0, _RCe,
    { [_ht]: ["POST", "/cluster-registrations", 200] }, () => RegisterClusterRequest$, () => RegisterClusterResponse$
];
var StartInsightsRefresh$ = [9, n0, _SIR,
    { [_ht]: ["POST", "/clusters/{clusterName}/insights-refresh", 200] }, () => StartInsightsRefreshRequest$, () => StartInsightsRefreshResponse$
];
var TagResource$ = [9, n0, _TR,
    { [_ht]: ["POST", "/tags/{resourceArn}", 200] }, () => TagResourceRequest$, () => TagResourceResponse$
];
var UntagResource$ = [9, n0, _UR,
    { [_ht]: ["DELETE", "/tags/{resourceArn}", 200] }, () => UntagResourceRequest$, () => UntagResourceResponse$
];
var UpdateAccessEntry$ = [9, n0, _UAE,
    { [_ht]: ["POST", "/clusters/{clusterName}/access-entries/{principalArn}", 200] }, () => UpdateAccessEntryRequest$, () => UpdateAccessEntryResponse$
];
var UpdateAddon$ = [9, n0, _UA,
    { [_ht]: ["POST", "/clusters/{clusterName}/addons/{addonName}/update", 200] }, () => UpdateAddonRequest$, () => UpdateAddonResponse$
];
var UpdateCapability$ = [9, n0, _UC,
    { [_ht]: ["POST", "/clusters/{clusterName}/capabilities/{capabilityName}", 200] }, () => UpdateCapabilityRequest$, () => UpdateCapabilityResponse$
];
var UpdateClusterConfig$ = [9, n0, _UCCp,
    { [_ht]: ["POST", "/clusters/{name}/update-config", 200] }, () => UpdateClusterConfigRequest$, () => UpdateClusterConfigResponse$
];
var UpdateClusterVersion$ = [9, n0, _UCV,
    { [_ht]: ["POST", "/clusters/{name}/updates", 200] }, () => UpdateClusterVersionRequest$, () => UpdateClusterVersionResponse$
];
var UpdateEksAnywhereSubscription$ = [9, n0, _UEAS,
    { [_ht]: ["POST", "/eks-anywhere-subscriptions/{id}", 200] }, () => UpdateEksAnywhereSubscriptionRequest$, () => UpdateEksAnywhereSubscriptionResponse$
];
var UpdateNodegroupConfig$ = [9, n0, _UNC,
    { [_ht]: ["POST", "/clusters/{clusterName}/node-groups/{nodegroupName}/update-config", 200] }, () => UpdateNodegroupConfigRequest$, () => UpdateNodegroupConfigResponse$
];
var UpdateNodegroupVersion$ = [9, n0, _UNV,
    { [_ht]: ["POST", "/clusters/{clusterName}/node-groups/{nodegroupName}/update-version", 200] }, () => UpdateNodegroupVersionRequest$, () => UpdateNodegroupVersionResponse$
];
var UpdatePodIdentityAssociation$ = [9, n0, _UPIA,
    { [_ht]: ["POST", "/clusters/{clusterName}/pod-identity-associations/{associationId}", 200] }, () => UpdatePodIdentityAssociationRequest$, () => UpdatePodIdentityAssociationResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2017-11-01",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultEKSHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.eks",
            errorTypeRegistries,
            version: "2017-11-01",
            serviceTarget: "AWSWesleyFrontend",
        },
        serviceId: config?.serviceId ?? "EKS",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 300_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class EKSClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultEKSHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "AWSWesleyFrontend", "EKSClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class ActivateCertificateAuthorityCommand extends command(_ep0, _mw0, "ActivateCertificateAuthority", ActivateCertificateAuthority$) {
}

class AssociateAccessPolicyCommand extends command(_ep0, _mw0, "AssociateAccessPolicy", AssociateAccessPolicy$) {
}

class AssociateEncryptionConfigCommand extends command(_ep0, _mw0, "AssociateEncryptionConfig", AssociateEncryptionConfig$) {
}

class AssociateIdentityProviderConfigCommand extends command(_ep0, _mw0, "AssociateIdentityProviderConfig", AssociateIdentityProviderConfig$) {
}

class CancelUpdateCommand extends command(_ep0, _mw0, "CancelUpdate", CancelUpdate$) {
}

class CreateAccessEntryCommand extends command(_ep0, _mw0, "CreateAccessEntry", CreateAccessEntry$) {
}

class CreateAddonCommand extends command(_ep0, _mw0, "CreateAddon", CreateAddon$) {
}

class CreateCapabilityCommand extends command(_ep0, _mw0, "CreateCapability", CreateCapability$) {
}

class CreateCertificateAuthorityCommand extends command(_ep0, _mw0, "CreateCertificateAuthority", CreateCertificateAuthority$) {
}

class CreateClusterCommand extends command(_ep0, _mw0, "CreateCluster", CreateCluster$) {
}

class CreateEksAnywhereSubscriptionCommand extends command(_ep0, _mw0, "CreateEksAnywhereSubscription", CreateEksAnywhereSubscription$) {
}

class CreateFargateProfileCommand extends command(_ep0, _mw0, "CreateFargateProfile", CreateFargateProfile$) {
}

class CreateNodegroupCommand extends command(_ep0, _mw0, "CreateNodegroup", CreateNodegroup$) {
}

class CreatePodIdentityAssociationCommand extends command(_ep0, _mw0, "CreatePodIdentityAssociation", CreatePodIdentityAssociation$) {
}

class DeleteAccessEntryCommand extends command(_ep0, _mw0, "DeleteAccessEntry", DeleteAccessEntry$) {
}

class DeleteAddonCommand extends command(_ep0, _mw0, "DeleteAddon", DeleteAddon$) {
}

class DeleteCapabilityCommand extends command(_ep0, _mw0, "DeleteCapability", DeleteCapability$) {
}

class DeleteCertificateAuthorityCommand extends command(_ep0, _mw0, "DeleteCertificateAuthority", DeleteCertificateAuthority$) {
}

class DeleteClusterCommand extends command(_ep0, _mw0, "DeleteCluster", DeleteCluster$) {
}

class DeleteEksAnywhereSubscriptionCommand extends command(_ep0, _mw0, "DeleteEksAnywhereSubscription", DeleteEksAnywhereSubscription$) {
}

class DeleteFargateProfileCommand extends command(_ep0, _mw0, "DeleteFargateProfile", DeleteFargateProfile$) {
}

class DeleteNodegroupCommand extends command(_ep0, _mw0, "DeleteNodegroup", DeleteNodegroup$) {
}

class DeletePodIdentityAssociationCommand extends command(_ep0, _mw0, "DeletePodIdentityAssociation", DeletePodIdentityAssociation$) {
}

class DeregisterClusterCommand extends command(_ep0, _mw0, "DeregisterCluster", DeregisterCluster$) {
}

class DescribeAccessEntryCommand extends command(_ep0, _mw0, "DescribeAccessEntry", DescribeAccessEntry$) {
}

class DescribeAddonCommand extends command(_ep0, _mw0, "DescribeAddon", DescribeAddon$) {
}

class DescribeAddonConfigurationCommand extends command(_ep0, _mw0, "DescribeAddonConfiguration", DescribeAddonConfiguration$) {
}

class DescribeAddonVersionsCommand extends command(_ep0, _mw0, "DescribeAddonVersions", DescribeAddonVersions$) {
}

class DescribeCapabilityCommand extends command(_ep0, _mw0, "DescribeCapability", DescribeCapability$) {
}

class DescribeCertificateAuthorityCommand extends command(_ep0, _mw0, "DescribeCertificateAuthority", DescribeCertificateAuthority$) {
}

class DescribeClusterCommand extends command(_ep0, _mw0, "DescribeCluster", DescribeCluster$) {
}

class DescribeClusterVersionsCommand extends command(_ep0, _mw0, "DescribeClusterVersions", DescribeClusterVersions$) {
}

class DescribeEksAnywhereSubscriptionCommand extends command(_ep0, _mw0, "DescribeEksAnywhereSubscription", DescribeEksAnywhereSubscription$) {
}

class DescribeFargateProfileCommand extends command(_ep0, _mw0, "DescribeFargateProfile", DescribeFargateProfile$) {
}

class DescribeIdentityProviderConfigCommand extends command(_ep0, _mw0, "DescribeIdentityProviderConfig", DescribeIdentityProviderConfig$) {
}

class DescribeInsightCommand extends command(_ep0, _mw0, "DescribeInsight", DescribeInsight$) {
}

class DescribeInsightsRefreshCommand extends command(_ep0, _mw0, "DescribeInsightsRefresh", DescribeInsightsRefresh$) {
}

class DescribeNodegroupCommand extends command(_ep0, _mw0, "DescribeNodegroup", DescribeNodegroup$) {
}

class DescribePodIdentityAssociationCommand extends command(_ep0, _mw0, "DescribePodIdentityAssociation", DescribePodIdentityAssociation$) {
}

class DescribeUpdateCommand extends command(_ep0, _mw0, "DescribeUpdate", DescribeUpdate$) {
}

class DisassociateAccessPolicyCommand extends command(_ep0, _mw0, "DisassociateAccessPolicy", DisassociateAccessPolicy$) {
}

class DisassociateIdentityProviderConfigCommand extends command(_ep0, _mw0, "DisassociateIdentityProviderConfig", DisassociateIdentityProviderConfig$) {
}

class ListAccessEntriesCommand extends command(_ep0, _mw0, "ListAccessEntries", ListAccessEntries$) {
}

class ListAccessPoliciesCommand extends command(_ep0, _mw0, "ListAccessPolicies", ListAccessPolicies$) {
}

class ListAddonsCommand extends command(_ep0, _mw0, "ListAddons", ListAddons$) {
}

class ListAssociatedAccessPoliciesCommand extends command(_ep0, _mw0, "ListAssociatedAccessPolicies", ListAssociatedAccessPolicies$) {
}

class ListCapabilitiesCommand extends command(_ep0, _mw0, "ListCapabilities", ListCapabilities$) {
}

class ListCertificateAuthoritiesCommand extends command(_ep0, _mw0, "ListCertificateAuthorities", ListCertificateAuthorities$) {
}

class ListClustersCommand extends command(_ep0, _mw0, "ListClusters", ListClusters$) {
}

class ListEksAnywhereSubscriptionsCommand extends command(_ep0, _mw0, "ListEksAnywhereSubscriptions", ListEksAnywhereSubscriptions$) {
}

class ListFargateProfilesCommand extends command(_ep0, _mw0, "ListFargateProfiles", ListFargateProfiles$) {
}

class ListIdentityProviderConfigsCommand extends command(_ep0, _mw0, "ListIdentityProviderConfigs", ListIdentityProviderConfigs$) {
}

class ListInsightsCommand extends command(_ep0, _mw0, "ListInsights", ListInsights$) {
}

class ListNodegroupsCommand extends command(_ep0, _mw0, "ListNodegroups", ListNodegroups$) {
}

class ListPodIdentityAssociationsCommand extends command(_ep0, _mw0, "ListPodIdentityAssociations", ListPodIdentityAssociations$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class ListUpdatesCommand extends command(_ep0, _mw0, "ListUpdates", ListUpdates$) {
}

class RegisterClusterCommand extends command(_ep0, _mw0, "RegisterCluster", RegisterCluster$) {
}

class StartInsightsRefreshCommand extends command(_ep0, _mw0, "StartInsightsRefresh", StartInsightsRefresh$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateAccessEntryCommand extends command(_ep0, _mw0, "UpdateAccessEntry", UpdateAccessEntry$) {
}

class UpdateAddonCommand extends command(_ep0, _mw0, "UpdateAddon", UpdateAddon$) {
}

class UpdateCapabilityCommand extends command(_ep0, _mw0, "UpdateCapability", UpdateCapability$) {
}

class UpdateClusterConfigCommand extends command(_ep0, _mw0, "UpdateClusterConfig", UpdateClusterConfig$) {
}

class UpdateClusterVersionCommand extends command(_ep0, _mw0, "UpdateClusterVersion", UpdateClusterVersion$) {
}

class UpdateEksAnywhereSubscriptionCommand extends command(_ep0, _mw0, "UpdateEksAnywhereSubscription", UpdateEksAnywhereSubscription$) {
}

class UpdateNodegroupConfigCommand extends command(_ep0, _mw0, "UpdateNodegroupConfig", UpdateNodegroupConfig$) {
}

class UpdateNodegroupVersionCommand extends command(_ep0, _mw0, "UpdateNodegroupVersion", UpdateNodegroupVersion$) {
}

class UpdatePodIdentityAssociationCommand extends command(_ep0, _mw0, "UpdatePodIdentityAssociation", UpdatePodIdentityAssociation$) {
}

const paginateDescribeAddonVersions = createPaginator(EKSClient, DescribeAddonVersionsCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribeClusterVersions = createPaginator(EKSClient, DescribeClusterVersionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListAccessEntries = createPaginator(EKSClient, ListAccessEntriesCommand, "nextToken", "nextToken", "maxResults");

const paginateListAccessPolicies = createPaginator(EKSClient, ListAccessPoliciesCommand, "nextToken", "nextToken", "maxResults");

const paginateListAddons = createPaginator(EKSClient, ListAddonsCommand, "nextToken", "nextToken", "maxResults");

const paginateListAssociatedAccessPolicies = createPaginator(EKSClient, ListAssociatedAccessPoliciesCommand, "nextToken", "nextToken", "maxResults");

const paginateListCapabilities = createPaginator(EKSClient, ListCapabilitiesCommand, "nextToken", "nextToken", "maxResults");

const paginateListCertificateAuthorities = createPaginator(EKSClient, ListCertificateAuthoritiesCommand, "nextToken", "nextToken", "maxResults");

const paginateListClusters = createPaginator(EKSClient, ListClustersCommand, "nextToken", "nextToken", "maxResults");

const paginateListEksAnywhereSubscriptions = createPaginator(EKSClient, ListEksAnywhereSubscriptionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListFargateProfiles = createPaginator(EKSClient, ListFargateProfilesCommand, "nextToken", "nextToken", "maxResults");

const paginateListIdentityProviderConfigs = createPaginator(EKSClient, ListIdentityProviderConfigsCommand, "nextToken", "nextToken", "maxResults");

const paginateListInsights = createPaginator(EKSClient, ListInsightsCommand, "nextToken", "nextToken", "maxResults");

const paginateListNodegroups = createPaginator(EKSClient, ListNodegroupsCommand, "nextToken", "nextToken", "maxResults");

const paginateListPodIdentityAssociations = createPaginator(EKSClient, ListPodIdentityAssociationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListUpdates = createPaginator(EKSClient, ListUpdatesCommand, "nextToken", "nextToken", "maxResults");

const checkState$8 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeAddonCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.addon.status;
            };
            if (returnComparator() === "CREATE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.addon.status;
            };
            if (returnComparator() === "DEGRADED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.addon.status;
            };
            if (returnComparator() === "ACTIVE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForAddonActive = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$8);
};
const waitUntilAddonActive = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$8);
    return checkExceptions(result);
};

const checkState$7 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeAddonCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.addon.status;
            };
            if (returnComparator() === "DELETE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForAddonDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$7);
};
const waitUntilAddonDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$7);
    return checkExceptions(result);
};

const checkState$6 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeUpdateCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.update.status;
            };
            if (returnComparator() === "Failed") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.update.status;
            };
            if (returnComparator() === "Cancelled") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.update.status;
            };
            if (returnComparator() === "Successful") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForCertificateAuthorityUpdateComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$6);
};
const waitUntilCertificateAuthorityUpdateComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$6);
    return checkExceptions(result);
};

const checkState$5 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeClusterCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "DELETING") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "ACTIVE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForClusterActive = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$5);
};
const waitUntilClusterActive = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$5);
    return checkExceptions(result);
};

const checkState$4 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeClusterCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "ACTIVE") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "CREATING") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.cluster.status;
            };
            if (returnComparator() === "PENDING") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForClusterDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
};
const waitUntilClusterDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
    return checkExceptions(result);
};

const checkState$3 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeFargateProfileCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.fargateProfile.status;
            };
            if (returnComparator() === "CREATE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.fargateProfile.status;
            };
            if (returnComparator() === "ACTIVE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForFargateProfileActive = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
};
const waitUntilFargateProfileActive = async (params, input) => {
    const serviceDefaults = { minDelay: 10, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
    return checkExceptions(result);
};

const checkState$2 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeFargateProfileCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.fargateProfile.status;
            };
            if (returnComparator() === "DELETE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForFargateProfileDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
};
const waitUntilFargateProfileDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    return checkExceptions(result);
};

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeNodegroupCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.nodegroup.status;
            };
            if (returnComparator() === "CREATE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.nodegroup.status;
            };
            if (returnComparator() === "ACTIVE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForNodegroupActive = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilNodegroupActive = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeNodegroupCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.nodegroup.status;
            };
            if (returnComparator() === "DELETE_FAILED") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForNodegroupDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilNodegroupDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 30, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    ActivateCertificateAuthorityCommand,
    AssociateAccessPolicyCommand,
    AssociateEncryptionConfigCommand,
    AssociateIdentityProviderConfigCommand,
    CancelUpdateCommand,
    CreateAccessEntryCommand,
    CreateAddonCommand,
    CreateCapabilityCommand,
    CreateCertificateAuthorityCommand,
    CreateClusterCommand,
    CreateEksAnywhereSubscriptionCommand,
    CreateFargateProfileCommand,
    CreateNodegroupCommand,
    CreatePodIdentityAssociationCommand,
    DeleteAccessEntryCommand,
    DeleteAddonCommand,
    DeleteCapabilityCommand,
    DeleteCertificateAuthorityCommand,
    DeleteClusterCommand,
    DeleteEksAnywhereSubscriptionCommand,
    DeleteFargateProfileCommand,
    DeleteNodegroupCommand,
    DeletePodIdentityAssociationCommand,
    DeregisterClusterCommand,
    DescribeAccessEntryCommand,
    DescribeAddonCommand,
    DescribeAddonConfigurationCommand,
    DescribeAddonVersionsCommand,
    DescribeCapabilityCommand,
    DescribeCertificateAuthorityCommand,
    DescribeClusterCommand,
    DescribeClusterVersionsCommand,
    DescribeEksAnywhereSubscriptionCommand,
    DescribeFargateProfileCommand,
    DescribeIdentityProviderConfigCommand,
    DescribeInsightCommand,
    DescribeInsightsRefreshCommand,
    DescribeNodegroupCommand,
    DescribePodIdentityAssociationCommand,
    DescribeUpdateCommand,
    DisassociateAccessPolicyCommand,
    DisassociateIdentityProviderConfigCommand,
    ListAccessEntriesCommand,
    ListAccessPoliciesCommand,
    ListAddonsCommand,
    ListAssociatedAccessPoliciesCommand,
    ListCapabilitiesCommand,
    ListCertificateAuthoritiesCommand,
    ListClustersCommand,
    ListEksAnywhereSubscriptionsCommand,
    ListFargateProfilesCommand,
    ListIdentityProviderConfigsCommand,
    ListInsightsCommand,
    ListNodegroupsCommand,
    ListPodIdentityAssociationsCommand,
    ListTagsForResourceCommand,
    ListUpdatesCommand,
    RegisterClusterCommand,
    StartInsightsRefreshCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateAccessEntryCommand,
    UpdateAddonCommand,
    UpdateCapabilityCommand,
    UpdateClusterConfigCommand,
    UpdateClusterVersionCommand,
    UpdateEksAnywhereSubscriptionCommand,
    UpdateNodegroupConfigCommand,
    UpdateNodegroupVersionCommand,
    UpdatePodIdentityAssociationCommand,
};
const paginators = {
    paginateDescribeAddonVersions,
    paginateDescribeClusterVersions,
    paginateListAccessEntries,
    paginateListAccessPolicies,
    paginateListAddons,
    paginateListAssociatedAccessPolicies,
    paginateListCapabilities,
    paginateListCertificateAuthorities,
    paginateListClusters,
    paginateListEksAnywhereSubscriptions,
    paginateListFargateProfiles,
    paginateListIdentityProviderConfigs,
    paginateListInsights,
    paginateListNodegroups,
    paginateListPodIdentityAssociations,
    paginateListUpdates,
};
const waiters = {
    waitUntilAddonActive,
    waitUntilAddonDeleted,
    waitUntilClusterActive,
    waitUntilClusterDeleted,
    waitUntilFargateProfileActive,
    waitUntilFargateProfileDeleted,
    waitUntilNodegroupActive,
    waitUntilNodegroupDeleted,
    waitUntilCertificateAuthorityUpdateComplete,
};
class EKS extends EKSClient {
}
createAggregatedClient(commands, EKS, { paginators, waiters });

const AuthenticationMode = {
    API: "API",
    API_AND_CONFIG_MAP: "API_AND_CONFIG_MAP",
    CONFIG_MAP: "CONFIG_MAP",
};
const AccessScopeType = {
    cluster: "cluster",
    namespace: "namespace",
};
const CertificateAuthorityActivatedBy = {
    CUSTOMER: "CUSTOMER",
    EKS: "EKS",
};
const CertificateAuthorityCreatedBy = {
    CUSTOMER: "CUSTOMER",
    EKS: "EKS",
};
const CertificateAuthorityDistributionStatus = {
    COMPLETE: "COMPLETE",
    DELETING: "DELETING",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const CertificateAuthoritySigningStatus = {
    ACTIVATING: "ACTIVATING",
    IN_USE: "IN_USE",
    NOT_USED: "NOT_USED",
};
const CancellationStatus = {
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    SUCCESSFUL: "Successful",
};
const ErrorCode = {
    ACCESS_DENIED: "AccessDenied",
    ADMISSION_REQUEST_DENIED: "AdmissionRequestDenied",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
    CONFIGURATION_CONFLICT: "ConfigurationConflict",
    ENI_LIMIT_REACHED: "EniLimitReached",
    INSUFFICIENT_FREE_ADDRESSES: "InsufficientFreeAddresses",
    INSUFFICIENT_NUMBER_OF_REPLICAS: "InsufficientNumberOfReplicas",
    IP_NOT_AVAILABLE: "IpNotAvailable",
    K8S_RESOURCE_NOT_FOUND: "K8sResourceNotFound",
    NODE_CREATION_FAILURE: "NodeCreationFailure",
    OPERATION_NOT_PERMITTED: "OperationNotPermitted",
    POD_EVICTION_FAILURE: "PodEvictionFailure",
    SECURITY_GROUP_NOT_FOUND: "SecurityGroupNotFound",
    SUBNET_NOT_FOUND: "SubnetNotFound",
    UNKNOWN: "Unknown",
    UNSUPPORTED_ADDON_MODIFICATION: "UnsupportedAddonModification",
    VPC_ID_NOT_FOUND: "VpcIdNotFound",
};
const UpdateParamType = {
    ACTIVE_CERTIFICATE_AUTHORITY: "ActiveCertificateAuthority",
    ADDON_VERSION: "AddonVersion",
    AUTHENTICATION_MODE: "AuthenticationMode",
    CERTIFICATE_AUTHORITY_ID: "CertificateAuthorityId",
    CLUSTER_LOGGING: "ClusterLogging",
    COMPUTE_CONFIG: "ComputeConfig",
    CONFIGURATION_VALUES: "ConfigurationValues",
    CONTROL_PLANE_EGRESS_MODE: "ControlPlaneEgressMode",
    DELETION_PROTECTION: "DeletionProtection",
    DESIRED_SIZE: "DesiredSize",
    DISABLED_SERVICES: "DisabledServices",
    ENABLE_CROSS_NAMESPACE: "EnableCrossNamespace",
    ENCRYPTION_CONFIG: "EncryptionConfig",
    ENDPOINT_PRIVATE_ACCESS: "EndpointPrivateAccess",
    ENDPOINT_PUBLIC_ACCESS: "EndpointPublicAccess",
    IDENTITY_PROVIDER_CONFIG: "IdentityProviderConfig",
    KUBERNETES_NETWORK_CONFIG: "KubernetesNetworkConfig",
    KUBE_API_SERVER_CONFIG: "KubeApiServerConfig",
    KUBE_CONTROLLER_MANAGER_CONFIG: "KubeControllerManagerConfig",
    KUBE_SCHEDULER_CONFIG: "KubeSchedulerConfig",
    LABELS_TO_ADD: "LabelsToAdd",
    LABELS_TO_REMOVE: "LabelsToRemove",
    LAUNCH_TEMPLATE_NAME: "LaunchTemplateName",
    LAUNCH_TEMPLATE_VERSION: "LaunchTemplateVersion",
    MAX_SIZE: "MaxSize",
    MAX_UNAVAILABLE: "MaxUnavailable",
    MAX_UNAVAILABLE_PERCENTAGE: "MaxUnavailablePercentage",
    MIN_SIZE: "MinSize",
    NETWORK_ACCESS: "NetworkAccess",
    NODE_REPAIR_CONFIG: "NodeRepairConfig",
    NODE_REPAIR_ENABLED: "NodeRepairEnabled",
    PLATFORM_VERSION: "PlatformVersion",
    POD_IDENTITY_ASSOCIATIONS: "PodIdentityAssociations",
    PREVIOUS_TIER: "PreviousTier",
    PUBLIC_ACCESS_CIDRS: "PublicAccessCidrs",
    RELEASE_VERSION: "ReleaseVersion",
    REMOTE_NETWORK_CONFIG: "RemoteNetworkConfig",
    RESOLVE_CONFLICTS: "ResolveConflicts",
    ROLE_ARN: "RoleArn",
    ROLE_MAPPINGS_TO_ADD_OR_UPDATE: "RoleMappingsToAddOrUpdate",
    ROLE_MAPPINGS_TO_REMOVE: "RoleMappingsToRemove",
    SECURITY_GROUPS: "SecurityGroups",
    SERVICE_ACCOUNT_ROLE_ARN: "ServiceAccountRoleArn",
    SIGNING_STATUS: "SigningStatus",
    STORAGE_CONFIG: "StorageConfig",
    SUBNETS: "Subnets",
    TAINTS_TO_ADD: "TaintsToAdd",
    TAINTS_TO_REMOVE: "TaintsToRemove",
    TRUSTED_CERTIFICATE_AUTHORITIES: "TrustedCertificateAuthorities",
    UPDATED_TIER: "UpdatedTier",
    UPDATE_STRATEGY: "UpdateStrategy",
    UPGRADE_POLICY: "UpgradePolicy",
    VENDED_LOGS: "VendedLogs",
    VERSION: "Version",
    WARM_POOL_ENABLED: "WarmPoolEnabled",
    WARM_POOL_MAX_GROUP_PREPARED_CAPACITY: "WarmPoolMaxGroupPreparedCapacity",
    WARM_POOL_MIN_SIZE: "WarmPoolMinSize",
    WARM_POOL_REUSE_ON_SCALE_IN: "WarmPoolReuseOnScaleIn",
    WARM_POOL_STATE: "WarmPoolState",
    ZONAL_SHIFT_CONFIG: "ZonalShiftConfig",
};
const UpdateStatus = {
    CANCELLED: "Cancelled",
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    SUCCESSFUL: "Successful",
};
const UpdateType = {
    ACCESS_CONFIG_UPDATE: "AccessConfigUpdate",
    ADDON_UPDATE: "AddonUpdate",
    ASSOCIATE_ENCRYPTION_CONFIG: "AssociateEncryptionConfig",
    ASSOCIATE_IDENTITY_PROVIDER_CONFIG: "AssociateIdentityProviderConfig",
    AUTO_MODE_UPDATE: "AutoModeUpdate",
    CAPABILITY_UPDATE: "CapabilityUpdate",
    CERTIFICATE_AUTHORITY_UPDATE: "CertificateAuthorityUpdate",
    CONFIG_UPDATE: "ConfigUpdate",
    CONTROL_PLANE_COMPONENT_CONFIG_UPDATE: "ControlPlaneComponentConfigUpdate",
    CONTROL_PLANE_EGRESS_UPDATE: "ControlPlaneEgressUpdate",
    CONTROL_PLANE_SCALING_CONFIG_UPDATE: "ControlPlaneScalingConfigUpdate",
    DELETION_PROTECTION_UPDATE: "DeletionProtectionUpdate",
    DISASSOCIATE_IDENTITY_PROVIDER_CONFIG: "DisassociateIdentityProviderConfig",
    ENDPOINT_ACCESS_UPDATE: "EndpointAccessUpdate",
    LOGGING_UPDATE: "LoggingUpdate",
    REMOTE_NETWORK_CONFIG_UPDATE: "RemoteNetworkConfigUpdate",
    UPGRADE_POLICY_UPDATE: "UpgradePolicyUpdate",
    VENDED_LOGS_UPDATE: "VendedLogsUpdate",
    VERSION_ROLLBACK: "VersionRollback",
    VERSION_UPDATE: "VersionUpdate",
    VPC_CONFIG_UPDATE: "VpcConfigUpdate",
    ZONAL_SHIFT_CONFIG_UPDATE: "ZonalShiftConfigUpdate",
};
const AddonIssueCode = {
    ACCESS_DENIED: "AccessDenied",
    ADDON_PERMISSION_FAILURE: "AddonPermissionFailure",
    ADDON_SUBSCRIPTION_NEEDED: "AddonSubscriptionNeeded",
    ADMISSION_REQUEST_DENIED: "AdmissionRequestDenied",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
    CONFIGURATION_CONFLICT: "ConfigurationConflict",
    INSUFFICIENT_NUMBER_OF_REPLICAS: "InsufficientNumberOfReplicas",
    INTERNAL_FAILURE: "InternalFailure",
    K8S_RESOURCE_NOT_FOUND: "K8sResourceNotFound",
    UNSUPPORTED_ADDON_MODIFICATION: "UnsupportedAddonModification",
};
const AddonStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATING: "CREATING",
    DEGRADED: "DEGRADED",
    DELETE_FAILED: "DELETE_FAILED",
    DELETING: "DELETING",
    UPDATE_FAILED: "UPDATE_FAILED",
    UPDATING: "UPDATING",
};
const AMITypes = {
    AL2023_ARM_64_NVIDIA: "AL2023_ARM_64_NVIDIA",
    AL2023_ARM_64_STANDARD: "AL2023_ARM_64_STANDARD",
    AL2023_x86_64_NEURON: "AL2023_x86_64_NEURON",
    AL2023_x86_64_NVIDIA: "AL2023_x86_64_NVIDIA",
    AL2023_x86_64_STANDARD: "AL2023_x86_64_STANDARD",
    AL2_ARM_64: "AL2_ARM_64",
    AL2_x86_64: "AL2_x86_64",
    AL2_x86_64_GPU: "AL2_x86_64_GPU",
    BOTTLEROCKET_ARM_64: "BOTTLEROCKET_ARM_64",
    BOTTLEROCKET_ARM_64_FIPS: "BOTTLEROCKET_ARM_64_FIPS",
    BOTTLEROCKET_ARM_64_NVIDIA: "BOTTLEROCKET_ARM_64_NVIDIA",
    BOTTLEROCKET_ARM_64_NVIDIA_FIPS: "BOTTLEROCKET_ARM_64_NVIDIA_FIPS",
    BOTTLEROCKET_x86_64: "BOTTLEROCKET_x86_64",
    BOTTLEROCKET_x86_64_FIPS: "BOTTLEROCKET_x86_64_FIPS",
    BOTTLEROCKET_x86_64_NVIDIA: "BOTTLEROCKET_x86_64_NVIDIA",
    BOTTLEROCKET_x86_64_NVIDIA_FIPS: "BOTTLEROCKET_x86_64_NVIDIA_FIPS",
    CUSTOM: "CUSTOM",
    WINDOWS_CORE_2019_x86_64: "WINDOWS_CORE_2019_x86_64",
    WINDOWS_CORE_2022_x86_64: "WINDOWS_CORE_2022_x86_64",
    WINDOWS_CORE_2025_x86_64: "WINDOWS_CORE_2025_x86_64",
    WINDOWS_FULL_2019_x86_64: "WINDOWS_FULL_2019_x86_64",
    WINDOWS_FULL_2022_x86_64: "WINDOWS_FULL_2022_x86_64",
    WINDOWS_FULL_2025_x86_64: "WINDOWS_FULL_2025_x86_64",
};
const SsoIdentityType = {
    SSO_GROUP: "SSO_GROUP",
    SSO_USER: "SSO_USER",
};
const ArgoCdRole = {
    ADMIN: "ADMIN",
    EDITOR: "EDITOR",
    VIEWER: "VIEWER",
};
const ResolveConflicts = {
    NONE: "NONE",
    OVERWRITE: "OVERWRITE",
    PRESERVE: "PRESERVE",
};
const CapabilityDeletePropagationPolicy = {
    RETAIN: "RETAIN",
};
const CapabilityType = {
    ACK: "ACK",
    ARGOCD: "ARGOCD",
    KRO: "KRO",
};
const CapabilityIssueCode = {
    ACCESS_DENIED: "AccessDenied",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
};
const CapabilityStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATING: "CREATING",
    DEGRADED: "DEGRADED",
    DELETE_FAILED: "DELETE_FAILED",
    DELETING: "DELETING",
    UPDATING: "UPDATING",
};
const ProvisionedControlPlaneTier = {
    STANDARD: "standard",
    TIER_2XL: "tier-2xl",
    TIER_4XL: "tier-4xl",
    TIER_8XL: "tier-8xl",
    TIER_XL: "tier-xl",
};
const IpFamily = {
    IPV4: "ipv4",
    IPV6: "ipv6",
};
const ScoringStrategyType = {
    LEAST_ALLOCATED: "LeastAllocated",
    MOST_ALLOCATED: "MostAllocated",
};
const LogType = {
    API: "api",
    AUDIT: "audit",
    AUTHENTICATOR: "authenticator",
    CONTROLLER_MANAGER: "controllerManager",
    SCHEDULER: "scheduler",
};
const SpreadLevel = {
    HOST: "host",
    RACK: "rack",
};
const ControlPlaneEgressModeType = {
    AWS_MANAGED: "AWS_MANAGED",
    CUSTOMER_ISOLATED: "CUSTOMER_ISOLATED",
    CUSTOMER_ROUTED: "CUSTOMER_ROUTED",
};
const SupportType = {
    EXTENDED: "EXTENDED",
    STANDARD: "STANDARD",
};
const ClusterIssueCode = {
    ACCESS_DENIED: "AccessDenied",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
    CONFIGURATION_CONFLICT: "ConfigurationConflict",
    EC2_SECURITY_GROUP_NOT_FOUND: "Ec2SecurityGroupNotFound",
    EC2_SERVICE_NOT_SUBSCRIBED: "Ec2ServiceNotSubscribed",
    EC2_SUBNET_NOT_FOUND: "Ec2SubnetNotFound",
    IAM_ROLE_NOT_FOUND: "IamRoleNotFound",
    INSUFFICIENT_FREE_ADDRESSES: "InsufficientFreeAddresses",
    INTERNAL_FAILURE: "InternalFailure",
    KMS_GRANT_REVOKED: "KmsGrantRevoked",
    KMS_KEY_DISABLED: "KmsKeyDisabled",
    KMS_KEY_MARKED_FOR_DELETION: "KmsKeyMarkedForDeletion",
    KMS_KEY_NOT_FOUND: "KmsKeyNotFound",
    OTHER: "Other",
    RESOURCE_LIMIT_EXCEEDED: "ResourceLimitExceeded",
    RESOURCE_NOT_FOUND: "ResourceNotFound",
    STS_REGIONAL_ENDPOINT_DISABLED: "StsRegionalEndpointDisabled",
    UNSUPPORTED_VERSION: "UnsupportedVersion",
    VPC_NOT_FOUND: "VpcNotFound",
};
const ClusterStatus = {
    ACTIVE: "ACTIVE",
    CREATING: "CREATING",
    DELETING: "DELETING",
    FAILED: "FAILED",
    PENDING: "PENDING",
    UPDATING: "UPDATING",
};
const EksAnywhereSubscriptionLicenseType = {
    Cluster: "Cluster",
};
const EksAnywhereSubscriptionTermUnit = {
    MONTHS: "MONTHS",
};
const FargateProfileIssueCode = {
    ACCESS_DENIED: "AccessDenied",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
    INTERNAL_FAILURE: "InternalFailure",
    POD_EXECUTION_ROLE_ALREADY_IN_USE: "PodExecutionRoleAlreadyInUse",
};
const FargateProfileStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATING: "CREATING",
    DELETE_FAILED: "DELETE_FAILED",
    DELETING: "DELETING",
};
const CapacityTypes = {
    CAPACITY_BLOCK: "CAPACITY_BLOCK",
    ON_DEMAND: "ON_DEMAND",
    SPOT: "SPOT",
};
const RepairAction = {
    NoAction: "NoAction",
    Reboot: "Reboot",
    Replace: "Replace",
};
const TaintEffect = {
    NO_EXECUTE: "NO_EXECUTE",
    NO_SCHEDULE: "NO_SCHEDULE",
    PREFER_NO_SCHEDULE: "PREFER_NO_SCHEDULE",
};
const NodegroupUpdateStrategies = {
    DEFAULT: "DEFAULT",
    MINIMAL: "MINIMAL",
};
const WarmPoolState = {
    HIBERNATED: "HIBERNATED",
    RUNNING: "RUNNING",
    STOPPED: "STOPPED",
};
const NodegroupIssueCode = {
    ACCESS_DENIED: "AccessDenied",
    AMI_ID_NOT_FOUND: "AmiIdNotFound",
    ASG_INSTANCE_LAUNCH_FAILURES: "AsgInstanceLaunchFailures",
    AUTO_SCALING_GROUP_INSTANCE_REFRESH_ACTIVE: "AutoScalingGroupInstanceRefreshActive",
    AUTO_SCALING_GROUP_INVALID_CONFIGURATION: "AutoScalingGroupInvalidConfiguration",
    AUTO_SCALING_GROUP_NOT_FOUND: "AutoScalingGroupNotFound",
    AUTO_SCALING_GROUP_OPT_IN_REQUIRED: "AutoScalingGroupOptInRequired",
    AUTO_SCALING_GROUP_RATE_LIMIT_EXCEEDED: "AutoScalingGroupRateLimitExceeded",
    CLUSTER_UNREACHABLE: "ClusterUnreachable",
    EC2_INSTANCE_TYPE_DOES_NOT_EXIST: "Ec2InstanceTypeDoesNotExist",
    EC2_LAUNCH_TEMPLATE_DELETION_FAILURE: "Ec2LaunchTemplateDeletionFailure",
    EC2_LAUNCH_TEMPLATE_INVALID_CONFIGURATION: "Ec2LaunchTemplateInvalidConfiguration",
    EC2_LAUNCH_TEMPLATE_MAX_LIMIT_EXCEEDED: "Ec2LaunchTemplateMaxLimitExceeded",
    EC2_LAUNCH_TEMPLATE_NOT_FOUND: "Ec2LaunchTemplateNotFound",
    EC2_LAUNCH_TEMPLATE_VERSION_MAX_LIMIT_EXCEEDED: "Ec2LaunchTemplateVersionMaxLimitExceeded",
    EC2_LAUNCH_TEMPLATE_VERSION_MISMATCH: "Ec2LaunchTemplateVersionMismatch",
    EC2_SECURITY_GROUP_DELETION_FAILURE: "Ec2SecurityGroupDeletionFailure",
    EC2_SECURITY_GROUP_NOT_FOUND: "Ec2SecurityGroupNotFound",
    EC2_SUBNET_INVALID_CONFIGURATION: "Ec2SubnetInvalidConfiguration",
    EC2_SUBNET_LIST_TOO_LONG: "Ec2SubnetListTooLong",
    EC2_SUBNET_MISSING_IPV6_ASSIGNMENT: "Ec2SubnetMissingIpv6Assignment",
    EC2_SUBNET_NOT_FOUND: "Ec2SubnetNotFound",
    IAM_INSTANCE_PROFILE_NOT_FOUND: "IamInstanceProfileNotFound",
    IAM_LIMIT_EXCEEDED: "IamLimitExceeded",
    IAM_NODE_ROLE_NOT_FOUND: "IamNodeRoleNotFound",
    IAM_THROTTLING: "IamThrottling",
    INSTANCE_LIMIT_EXCEEDED: "InstanceLimitExceeded",
    INSUFFICIENT_FREE_ADDRESSES: "InsufficientFreeAddresses",
    INTERNAL_FAILURE: "InternalFailure",
    KUBERNETES_LABEL_INVALID: "KubernetesLabelInvalid",
    LIMIT_EXCEEDED: "LimitExceeded",
    NODE_CREATION_FAILURE: "NodeCreationFailure",
    NODE_TERMINATION_FAILURE: "NodeTerminationFailure",
    POD_EVICTION_FAILURE: "PodEvictionFailure",
    SOURCE_EC2_LAUNCH_TEMPLATE_NOT_FOUND: "SourceEc2LaunchTemplateNotFound",
    UNKNOWN: "Unknown",
};
const NodegroupStatus = {
    ACTIVE: "ACTIVE",
    CREATE_FAILED: "CREATE_FAILED",
    CREATING: "CREATING",
    DEGRADED: "DEGRADED",
    DELETE_FAILED: "DELETE_FAILED",
    DELETING: "DELETING",
    UPDATING: "UPDATING",
};
const ClusterVersionStatus = {
    extended_support: "extended-support",
    standard_support: "standard-support",
    unsupported: "unsupported",
};
const VersionStatus = {
    EXTENDED_SUPPORT: "EXTENDED_SUPPORT",
    STANDARD_SUPPORT: "STANDARD_SUPPORT",
    UNSUPPORTED: "UNSUPPORTED",
};
const ConfigStatus = {
    ACTIVE: "ACTIVE",
    CREATING: "CREATING",
    DELETING: "DELETING",
};
const Category = {
    MISCONFIGURATION: "MISCONFIGURATION",
    ROLLBACK_READINESS: "ROLLBACK_READINESS",
    UPGRADE_READINESS: "UPGRADE_READINESS",
};
const InsightStatusValue = {
    ERROR: "ERROR",
    PASSING: "PASSING",
    UNKNOWN: "UNKNOWN",
    WARNING: "WARNING",
};
const InsightsRefreshStatus = {
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const EksAnywhereSubscriptionStatus = {
    ACTIVE: "ACTIVE",
    CREATING: "CREATING",
    DELETING: "DELETING",
    EXPIRED: "EXPIRED",
    EXPIRING: "EXPIRING",
    UPDATING: "UPDATING",
};
const ConnectorConfigProvider = {
    AKS: "AKS",
    ANTHOS: "ANTHOS",
    EC2: "EC2",
    EKS_ANYWHERE: "EKS_ANYWHERE",
    GKE: "GKE",
    OPENSHIFT: "OPENSHIFT",
    OTHER: "OTHER",
    RANCHER: "RANCHER",
    TANZU: "TANZU",
};

__webpack_unused_export__ = AMITypes;
__webpack_unused_export__ = AccessConfigResponse$;
__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = AccessEntry$;
__webpack_unused_export__ = AccessPolicy$;
__webpack_unused_export__ = AccessScope$;
__webpack_unused_export__ = AccessScopeType;
__webpack_unused_export__ = AckConfigRequest$;
__webpack_unused_export__ = AckConfigResponse$;
__webpack_unused_export__ = ActivateCertificateAuthority$;
__webpack_unused_export__ = ActivateCertificateAuthorityCommand;
__webpack_unused_export__ = ActivateCertificateAuthorityRequest$;
__webpack_unused_export__ = ActivateCertificateAuthorityResponse$;
__webpack_unused_export__ = ActiveCertificateAuthority$;
__webpack_unused_export__ = Addon$;
__webpack_unused_export__ = AddonCompatibilityDetail$;
__webpack_unused_export__ = AddonHealth$;
__webpack_unused_export__ = AddonInfo$;
__webpack_unused_export__ = AddonIssue$;
__webpack_unused_export__ = AddonIssueCode;
__webpack_unused_export__ = AddonNamespaceConfigRequest$;
__webpack_unused_export__ = AddonNamespaceConfigResponse$;
__webpack_unused_export__ = AddonPodIdentityAssociations$;
__webpack_unused_export__ = AddonPodIdentityConfiguration$;
__webpack_unused_export__ = AddonStatus;
__webpack_unused_export__ = AddonVersionInfo$;
__webpack_unused_export__ = AllowedValuesConstraint$;
__webpack_unused_export__ = ArgoCdAwsIdcConfigRequest$;
__webpack_unused_export__ = ArgoCdAwsIdcConfigResponse$;
__webpack_unused_export__ = ArgoCdConfigRequest$;
__webpack_unused_export__ = ArgoCdConfigResponse$;
__webpack_unused_export__ = ArgoCdNetworkAccessConfigRequest$;
__webpack_unused_export__ = ArgoCdNetworkAccessConfigResponse$;
__webpack_unused_export__ = ArgoCdRole;
__webpack_unused_export__ = ArgoCdRoleMapping$;
__webpack_unused_export__ = AssociateAccessPolicy$;
__webpack_unused_export__ = AssociateAccessPolicyCommand;
__webpack_unused_export__ = AssociateAccessPolicyRequest$;
__webpack_unused_export__ = AssociateAccessPolicyResponse$;
__webpack_unused_export__ = AssociateEncryptionConfig$;
__webpack_unused_export__ = AssociateEncryptionConfigCommand;
__webpack_unused_export__ = AssociateEncryptionConfigRequest$;
__webpack_unused_export__ = AssociateEncryptionConfigResponse$;
__webpack_unused_export__ = AssociateIdentityProviderConfig$;
__webpack_unused_export__ = AssociateIdentityProviderConfigCommand;
__webpack_unused_export__ = AssociateIdentityProviderConfigRequest$;
__webpack_unused_export__ = AssociateIdentityProviderConfigResponse$;
__webpack_unused_export__ = AssociatedAccessPolicy$;
__webpack_unused_export__ = AuthenticationMode;
__webpack_unused_export__ = AutoScalingGroup$;
__webpack_unused_export__ = BadRequestException;
__webpack_unused_export__ = BadRequestException$;
__webpack_unused_export__ = BlockStorage$;
__webpack_unused_export__ = CancelUpdate$;
__webpack_unused_export__ = CancelUpdateCommand;
__webpack_unused_export__ = CancelUpdateRequest$;
__webpack_unused_export__ = CancelUpdateResponse$;
__webpack_unused_export__ = Cancellation$;
__webpack_unused_export__ = CancellationStatus;
__webpack_unused_export__ = Capability$;
__webpack_unused_export__ = CapabilityConfigurationRequest$;
__webpack_unused_export__ = CapabilityConfigurationResponse$;
__webpack_unused_export__ = CapabilityDeletePropagationPolicy;
__webpack_unused_export__ = CapabilityHealth$;
__webpack_unused_export__ = CapabilityIssue$;
__webpack_unused_export__ = CapabilityIssueCode;
__webpack_unused_export__ = CapabilityStatus;
__webpack_unused_export__ = CapabilitySummary$;
__webpack_unused_export__ = CapabilityType;
__webpack_unused_export__ = CapacityTypes;
__webpack_unused_export__ = Category;
__webpack_unused_export__ = Certificate$;
__webpack_unused_export__ = CertificateAuthority$;
__webpack_unused_export__ = CertificateAuthorityActivatedBy;
__webpack_unused_export__ = CertificateAuthorityCreatedBy;
__webpack_unused_export__ = CertificateAuthorityDistributionStatus;
__webpack_unused_export__ = CertificateAuthorityScheduledEvents$;
__webpack_unused_export__ = CertificateAuthoritySigningStatus;
__webpack_unused_export__ = CertificateAuthoritySummary$;
__webpack_unused_export__ = CertificateAuthorityValidity$;
__webpack_unused_export__ = ClientException;
__webpack_unused_export__ = ClientException$;
__webpack_unused_export__ = ClientStat$;
__webpack_unused_export__ = Cluster$;
__webpack_unused_export__ = ClusterHealth$;
__webpack_unused_export__ = ClusterIssue$;
__webpack_unused_export__ = ClusterIssueCode;
__webpack_unused_export__ = ClusterStatus;
__webpack_unused_export__ = ClusterVersionInformation$;
__webpack_unused_export__ = ClusterVersionStatus;
__webpack_unused_export__ = Compatibility$;
__webpack_unused_export__ = ComputeConfigRequest$;
__webpack_unused_export__ = ComputeConfigResponse$;
__webpack_unused_export__ = ConfigStatus;
__webpack_unused_export__ = ConnectorConfigProvider;
__webpack_unused_export__ = ConnectorConfigRequest$;
__webpack_unused_export__ = ConnectorConfigResponse$;
__webpack_unused_export__ = ControlPlaneConfigInfo$;
__webpack_unused_export__ = ControlPlaneEgressModeType;
__webpack_unused_export__ = ControlPlanePlacementRequest$;
__webpack_unused_export__ = ControlPlanePlacementResponse$;
__webpack_unused_export__ = ControlPlaneScalingConfig$;
__webpack_unused_export__ = ControlPlaneScalingTierInfo$;
__webpack_unused_export__ = CrdManagementConfiguration$;
__webpack_unused_export__ = CreateAccessConfigRequest$;
__webpack_unused_export__ = CreateAccessEntry$;
__webpack_unused_export__ = CreateAccessEntryCommand;
__webpack_unused_export__ = CreateAccessEntryRequest$;
__webpack_unused_export__ = CreateAccessEntryResponse$;
__webpack_unused_export__ = CreateAddon$;
__webpack_unused_export__ = CreateAddonCommand;
__webpack_unused_export__ = CreateAddonRequest$;
__webpack_unused_export__ = CreateAddonResponse$;
__webpack_unused_export__ = CreateCapability$;
__webpack_unused_export__ = CreateCapabilityCommand;
__webpack_unused_export__ = CreateCapabilityRequest$;
__webpack_unused_export__ = CreateCapabilityResponse$;
__webpack_unused_export__ = CreateCertificateAuthority$;
__webpack_unused_export__ = CreateCertificateAuthorityCommand;
__webpack_unused_export__ = CreateCertificateAuthorityRequest$;
__webpack_unused_export__ = CreateCertificateAuthorityResponse$;
__webpack_unused_export__ = CreateCluster$;
__webpack_unused_export__ = CreateClusterCommand;
__webpack_unused_export__ = CreateClusterRequest$;
__webpack_unused_export__ = CreateClusterResponse$;
__webpack_unused_export__ = CreateEksAnywhereSubscription$;
__webpack_unused_export__ = CreateEksAnywhereSubscriptionCommand;
__webpack_unused_export__ = CreateEksAnywhereSubscriptionRequest$;
__webpack_unused_export__ = CreateEksAnywhereSubscriptionResponse$;
__webpack_unused_export__ = CreateFargateProfile$;
__webpack_unused_export__ = CreateFargateProfileCommand;
__webpack_unused_export__ = CreateFargateProfileRequest$;
__webpack_unused_export__ = CreateFargateProfileResponse$;
__webpack_unused_export__ = CreateNodegroup$;
__webpack_unused_export__ = CreateNodegroupCommand;
__webpack_unused_export__ = CreateNodegroupRequest$;
__webpack_unused_export__ = CreateNodegroupResponse$;
__webpack_unused_export__ = CreatePodIdentityAssociation$;
__webpack_unused_export__ = CreatePodIdentityAssociationCommand;
__webpack_unused_export__ = CreatePodIdentityAssociationRequest$;
__webpack_unused_export__ = CreatePodIdentityAssociationResponse$;
__webpack_unused_export__ = DeleteAccessEntry$;
__webpack_unused_export__ = DeleteAccessEntryCommand;
__webpack_unused_export__ = DeleteAccessEntryRequest$;
__webpack_unused_export__ = DeleteAccessEntryResponse$;
__webpack_unused_export__ = DeleteAddon$;
__webpack_unused_export__ = DeleteAddonCommand;
__webpack_unused_export__ = DeleteAddonRequest$;
__webpack_unused_export__ = DeleteAddonResponse$;
__webpack_unused_export__ = DeleteCapability$;
__webpack_unused_export__ = DeleteCapabilityCommand;
__webpack_unused_export__ = DeleteCapabilityRequest$;
__webpack_unused_export__ = DeleteCapabilityResponse$;
__webpack_unused_export__ = DeleteCertificateAuthority$;
__webpack_unused_export__ = DeleteCertificateAuthorityCommand;
__webpack_unused_export__ = DeleteCertificateAuthorityRequest$;
__webpack_unused_export__ = DeleteCertificateAuthorityResponse$;
__webpack_unused_export__ = DeleteCluster$;
__webpack_unused_export__ = DeleteClusterCommand;
__webpack_unused_export__ = DeleteClusterRequest$;
__webpack_unused_export__ = DeleteClusterResponse$;
__webpack_unused_export__ = DeleteEksAnywhereSubscription$;
__webpack_unused_export__ = DeleteEksAnywhereSubscriptionCommand;
__webpack_unused_export__ = DeleteEksAnywhereSubscriptionRequest$;
__webpack_unused_export__ = DeleteEksAnywhereSubscriptionResponse$;
__webpack_unused_export__ = DeleteFargateProfile$;
__webpack_unused_export__ = DeleteFargateProfileCommand;
__webpack_unused_export__ = DeleteFargateProfileRequest$;
__webpack_unused_export__ = DeleteFargateProfileResponse$;
__webpack_unused_export__ = DeleteNodegroup$;
__webpack_unused_export__ = DeleteNodegroupCommand;
__webpack_unused_export__ = DeleteNodegroupRequest$;
__webpack_unused_export__ = DeleteNodegroupResponse$;
__webpack_unused_export__ = DeletePodIdentityAssociation$;
__webpack_unused_export__ = DeletePodIdentityAssociationCommand;
__webpack_unused_export__ = DeletePodIdentityAssociationRequest$;
__webpack_unused_export__ = DeletePodIdentityAssociationResponse$;
__webpack_unused_export__ = DeprecationDetail$;
__webpack_unused_export__ = DeregisterCluster$;
__webpack_unused_export__ = DeregisterClusterCommand;
__webpack_unused_export__ = DeregisterClusterRequest$;
__webpack_unused_export__ = DeregisterClusterResponse$;
__webpack_unused_export__ = DescribeAccessEntry$;
__webpack_unused_export__ = DescribeAccessEntryCommand;
__webpack_unused_export__ = DescribeAccessEntryRequest$;
__webpack_unused_export__ = DescribeAccessEntryResponse$;
__webpack_unused_export__ = DescribeAddon$;
__webpack_unused_export__ = DescribeAddonCommand;
__webpack_unused_export__ = DescribeAddonConfiguration$;
__webpack_unused_export__ = DescribeAddonConfigurationCommand;
__webpack_unused_export__ = DescribeAddonConfigurationRequest$;
__webpack_unused_export__ = DescribeAddonConfigurationResponse$;
__webpack_unused_export__ = DescribeAddonRequest$;
__webpack_unused_export__ = DescribeAddonResponse$;
__webpack_unused_export__ = DescribeAddonVersions$;
__webpack_unused_export__ = DescribeAddonVersionsCommand;
__webpack_unused_export__ = DescribeAddonVersionsRequest$;
__webpack_unused_export__ = DescribeAddonVersionsResponse$;
__webpack_unused_export__ = DescribeCapability$;
__webpack_unused_export__ = DescribeCapabilityCommand;
__webpack_unused_export__ = DescribeCapabilityRequest$;
__webpack_unused_export__ = DescribeCapabilityResponse$;
__webpack_unused_export__ = DescribeCertificateAuthority$;
__webpack_unused_export__ = DescribeCertificateAuthorityCommand;
__webpack_unused_export__ = DescribeCertificateAuthorityRequest$;
__webpack_unused_export__ = DescribeCertificateAuthorityResponse$;
__webpack_unused_export__ = DescribeCluster$;
exports.DescribeClusterCommand = DescribeClusterCommand;
__webpack_unused_export__ = DescribeClusterRequest$;
__webpack_unused_export__ = DescribeClusterResponse$;
__webpack_unused_export__ = DescribeClusterVersions$;
__webpack_unused_export__ = DescribeClusterVersionsCommand;
__webpack_unused_export__ = DescribeClusterVersionsRequest$;
__webpack_unused_export__ = DescribeClusterVersionsResponse$;
__webpack_unused_export__ = DescribeEksAnywhereSubscription$;
__webpack_unused_export__ = DescribeEksAnywhereSubscriptionCommand;
__webpack_unused_export__ = DescribeEksAnywhereSubscriptionRequest$;
__webpack_unused_export__ = DescribeEksAnywhereSubscriptionResponse$;
__webpack_unused_export__ = DescribeFargateProfile$;
__webpack_unused_export__ = DescribeFargateProfileCommand;
__webpack_unused_export__ = DescribeFargateProfileRequest$;
__webpack_unused_export__ = DescribeFargateProfileResponse$;
__webpack_unused_export__ = DescribeIdentityProviderConfig$;
__webpack_unused_export__ = DescribeIdentityProviderConfigCommand;
__webpack_unused_export__ = DescribeIdentityProviderConfigRequest$;
__webpack_unused_export__ = DescribeIdentityProviderConfigResponse$;
__webpack_unused_export__ = DescribeInsight$;
__webpack_unused_export__ = DescribeInsightCommand;
__webpack_unused_export__ = DescribeInsightRequest$;
__webpack_unused_export__ = DescribeInsightResponse$;
__webpack_unused_export__ = DescribeInsightsRefresh$;
__webpack_unused_export__ = DescribeInsightsRefreshCommand;
__webpack_unused_export__ = DescribeInsightsRefreshRequest$;
__webpack_unused_export__ = DescribeInsightsRefreshResponse$;
__webpack_unused_export__ = DescribeNodegroup$;
__webpack_unused_export__ = DescribeNodegroupCommand;
__webpack_unused_export__ = DescribeNodegroupRequest$;
__webpack_unused_export__ = DescribeNodegroupResponse$;
__webpack_unused_export__ = DescribePodIdentityAssociation$;
__webpack_unused_export__ = DescribePodIdentityAssociationCommand;
__webpack_unused_export__ = DescribePodIdentityAssociationRequest$;
__webpack_unused_export__ = DescribePodIdentityAssociationResponse$;
__webpack_unused_export__ = DescribeUpdate$;
__webpack_unused_export__ = DescribeUpdateCommand;
__webpack_unused_export__ = DescribeUpdateRequest$;
__webpack_unused_export__ = DescribeUpdateResponse$;
__webpack_unused_export__ = DisassociateAccessPolicy$;
__webpack_unused_export__ = DisassociateAccessPolicyCommand;
__webpack_unused_export__ = DisassociateAccessPolicyRequest$;
__webpack_unused_export__ = DisassociateAccessPolicyResponse$;
__webpack_unused_export__ = DisassociateIdentityProviderConfig$;
__webpack_unused_export__ = DisassociateIdentityProviderConfigCommand;
__webpack_unused_export__ = DisassociateIdentityProviderConfigRequest$;
__webpack_unused_export__ = DisassociateIdentityProviderConfigResponse$;
__webpack_unused_export__ = DurationConstraints$;
__webpack_unused_export__ = DurationParameterConfig$;
__webpack_unused_export__ = EKS;
exports.EKSClient = EKSClient;
__webpack_unused_export__ = EKSServiceException;
__webpack_unused_export__ = EKSServiceException$;
__webpack_unused_export__ = EksAnywhereSubscription$;
__webpack_unused_export__ = EksAnywhereSubscriptionLicenseType;
__webpack_unused_export__ = EksAnywhereSubscriptionStatus;
__webpack_unused_export__ = EksAnywhereSubscriptionTerm$;
__webpack_unused_export__ = EksAnywhereSubscriptionTermUnit;
__webpack_unused_export__ = ElasticLoadBalancing$;
__webpack_unused_export__ = EncryptionConfig$;
__webpack_unused_export__ = ErrorCode;
__webpack_unused_export__ = ErrorDetail$;
__webpack_unused_export__ = EtcdPlacementRequest$;
__webpack_unused_export__ = EtcdPlacementResponse$;
__webpack_unused_export__ = FargateProfile$;
__webpack_unused_export__ = FargateProfileHealth$;
__webpack_unused_export__ = FargateProfileIssue$;
__webpack_unused_export__ = FargateProfileIssueCode;
__webpack_unused_export__ = FargateProfileSelector$;
__webpack_unused_export__ = FargateProfileStatus;
__webpack_unused_export__ = GatewayApiConfiguration$;
__webpack_unused_export__ = HorizontalPodAutoscalerControllerConfigRequest$;
__webpack_unused_export__ = HorizontalPodAutoscalerControllerConfigResponse$;
__webpack_unused_export__ = HorizontalPodAutoscalerControllerVersionConfig$;
__webpack_unused_export__ = Identity$;
__webpack_unused_export__ = IdentityProviderConfig$;
__webpack_unused_export__ = IdentityProviderConfigResponse$;
__webpack_unused_export__ = Insight$;
__webpack_unused_export__ = InsightCategorySpecificSummary$;
__webpack_unused_export__ = InsightResourceDetail$;
__webpack_unused_export__ = InsightStatus$;
__webpack_unused_export__ = InsightStatusValue;
__webpack_unused_export__ = InsightSummary$;
__webpack_unused_export__ = InsightsFilter$;
__webpack_unused_export__ = InsightsRefreshStatus;
__webpack_unused_export__ = IntegerConstraints$;
__webpack_unused_export__ = IntegerParameterConfig$;
__webpack_unused_export__ = IntegerRangeConstraint$;
__webpack_unused_export__ = InvalidParameterException;
__webpack_unused_export__ = InvalidParameterException$;
__webpack_unused_export__ = InvalidRequestException;
__webpack_unused_export__ = InvalidRequestException$;
__webpack_unused_export__ = InvalidStateException;
__webpack_unused_export__ = InvalidStateException$;
__webpack_unused_export__ = IpFamily;
__webpack_unused_export__ = Issue$;
__webpack_unused_export__ = KubeApiServerConfigRequest$;
__webpack_unused_export__ = KubeApiServerConfigResponse$;
__webpack_unused_export__ = KubeApiServerVersionConfig$;
__webpack_unused_export__ = KubeControllerManagerConfigRequest$;
__webpack_unused_export__ = KubeControllerManagerConfigResponse$;
__webpack_unused_export__ = KubeControllerManagerVersionConfig$;
__webpack_unused_export__ = KubeSchedulerConfigRequest$;
__webpack_unused_export__ = KubeSchedulerConfigResponse$;
__webpack_unused_export__ = KubeSchedulerVersionConfig$;
__webpack_unused_export__ = KubernetesNetworkConfigRequest$;
__webpack_unused_export__ = KubernetesNetworkConfigResponse$;
__webpack_unused_export__ = LaunchTemplateSpecification$;
__webpack_unused_export__ = License$;
__webpack_unused_export__ = ListAccessEntries$;
__webpack_unused_export__ = ListAccessEntriesCommand;
__webpack_unused_export__ = ListAccessEntriesRequest$;
__webpack_unused_export__ = ListAccessEntriesResponse$;
__webpack_unused_export__ = ListAccessPolicies$;
__webpack_unused_export__ = ListAccessPoliciesCommand;
__webpack_unused_export__ = ListAccessPoliciesRequest$;
__webpack_unused_export__ = ListAccessPoliciesResponse$;
__webpack_unused_export__ = ListAddons$;
__webpack_unused_export__ = ListAddonsCommand;
__webpack_unused_export__ = ListAddonsRequest$;
__webpack_unused_export__ = ListAddonsResponse$;
__webpack_unused_export__ = ListAssociatedAccessPolicies$;
__webpack_unused_export__ = ListAssociatedAccessPoliciesCommand;
__webpack_unused_export__ = ListAssociatedAccessPoliciesRequest$;
__webpack_unused_export__ = ListAssociatedAccessPoliciesResponse$;
__webpack_unused_export__ = ListCapabilities$;
__webpack_unused_export__ = ListCapabilitiesCommand;
__webpack_unused_export__ = ListCapabilitiesRequest$;
__webpack_unused_export__ = ListCapabilitiesResponse$;
__webpack_unused_export__ = ListCertificateAuthorities$;
__webpack_unused_export__ = ListCertificateAuthoritiesCommand;
__webpack_unused_export__ = ListCertificateAuthoritiesRequest$;
__webpack_unused_export__ = ListCertificateAuthoritiesResponse$;
__webpack_unused_export__ = ListClusters$;
__webpack_unused_export__ = ListClustersCommand;
__webpack_unused_export__ = ListClustersRequest$;
__webpack_unused_export__ = ListClustersResponse$;
__webpack_unused_export__ = ListEksAnywhereSubscriptions$;
__webpack_unused_export__ = ListEksAnywhereSubscriptionsCommand;
__webpack_unused_export__ = ListEksAnywhereSubscriptionsRequest$;
__webpack_unused_export__ = ListEksAnywhereSubscriptionsResponse$;
__webpack_unused_export__ = ListFargateProfiles$;
__webpack_unused_export__ = ListFargateProfilesCommand;
__webpack_unused_export__ = ListFargateProfilesRequest$;
__webpack_unused_export__ = ListFargateProfilesResponse$;
__webpack_unused_export__ = ListIdentityProviderConfigs$;
__webpack_unused_export__ = ListIdentityProviderConfigsCommand;
__webpack_unused_export__ = ListIdentityProviderConfigsRequest$;
__webpack_unused_export__ = ListIdentityProviderConfigsResponse$;
__webpack_unused_export__ = ListInsights$;
__webpack_unused_export__ = ListInsightsCommand;
__webpack_unused_export__ = ListInsightsRequest$;
__webpack_unused_export__ = ListInsightsResponse$;
__webpack_unused_export__ = ListNodegroups$;
__webpack_unused_export__ = ListNodegroupsCommand;
__webpack_unused_export__ = ListNodegroupsRequest$;
__webpack_unused_export__ = ListNodegroupsResponse$;
__webpack_unused_export__ = ListPodIdentityAssociations$;
__webpack_unused_export__ = ListPodIdentityAssociationsCommand;
__webpack_unused_export__ = ListPodIdentityAssociationsRequest$;
__webpack_unused_export__ = ListPodIdentityAssociationsResponse$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceRequest$;
__webpack_unused_export__ = ListTagsForResourceResponse$;
__webpack_unused_export__ = ListUpdates$;
__webpack_unused_export__ = ListUpdatesCommand;
__webpack_unused_export__ = ListUpdatesRequest$;
__webpack_unused_export__ = ListUpdatesResponse$;
__webpack_unused_export__ = LogSetup$;
__webpack_unused_export__ = LogType;
__webpack_unused_export__ = Logging$;
__webpack_unused_export__ = MarketplaceInformation$;
__webpack_unused_export__ = NodeRepairConfig$;
__webpack_unused_export__ = NodeRepairConfigOverrides$;
__webpack_unused_export__ = NodeResourcesFitConfig$;
__webpack_unused_export__ = NodeResourcesFitVersionConfig$;
__webpack_unused_export__ = Nodegroup$;
__webpack_unused_export__ = NodegroupHealth$;
__webpack_unused_export__ = NodegroupIssueCode;
__webpack_unused_export__ = NodegroupResources$;
__webpack_unused_export__ = NodegroupScalingConfig$;
__webpack_unused_export__ = NodegroupStatus;
__webpack_unused_export__ = NodegroupUpdateConfig$;
__webpack_unused_export__ = NodegroupUpdateStrategies;
__webpack_unused_export__ = NotFoundException;
__webpack_unused_export__ = NotFoundException$;
__webpack_unused_export__ = OIDC$;
__webpack_unused_export__ = OidcIdentityProviderConfig$;
__webpack_unused_export__ = OidcIdentityProviderConfigRequest$;
__webpack_unused_export__ = OutpostConfigRequest$;
__webpack_unused_export__ = OutpostConfigResponse$;
__webpack_unused_export__ = PodGcControllerConfigRequest$;
__webpack_unused_export__ = PodGcControllerConfigResponse$;
__webpack_unused_export__ = PodGcControllerVersionConfig$;
__webpack_unused_export__ = PodIdentityAssociation$;
__webpack_unused_export__ = PodIdentityAssociationSummary$;
__webpack_unused_export__ = PortRangeConstraints$;
__webpack_unused_export__ = PortRangeParameterConfig$;
__webpack_unused_export__ = Provider$;
__webpack_unused_export__ = ProvisionedControlPlaneTier;
__webpack_unused_export__ = RegisterCluster$;
__webpack_unused_export__ = RegisterClusterCommand;
__webpack_unused_export__ = RegisterClusterRequest$;
__webpack_unused_export__ = RegisterClusterResponse$;
__webpack_unused_export__ = RemoteAccessConfig$;
__webpack_unused_export__ = RemoteNetworkConfigRequest$;
__webpack_unused_export__ = RemoteNetworkConfigResponse$;
__webpack_unused_export__ = RemoteNodeNetwork$;
__webpack_unused_export__ = RemotePodNetwork$;
__webpack_unused_export__ = RepairAction;
__webpack_unused_export__ = ResolveConflicts;
__webpack_unused_export__ = ResourceConstraints$;
__webpack_unused_export__ = ResourceInUseException;
__webpack_unused_export__ = ResourceInUseException$;
__webpack_unused_export__ = ResourceLimitExceededException;
__webpack_unused_export__ = ResourceLimitExceededException$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResourcePropagationDelayException;
__webpack_unused_export__ = ResourcePropagationDelayException$;
__webpack_unused_export__ = ResourceWeight$;
__webpack_unused_export__ = RollbackConfig$;
__webpack_unused_export__ = ScoringStrategy$;
__webpack_unused_export__ = ScoringStrategyConfig$;
__webpack_unused_export__ = ScoringStrategyConstraints$;
__webpack_unused_export__ = ScoringStrategyType;
__webpack_unused_export__ = ServerException;
__webpack_unused_export__ = ServerException$;
__webpack_unused_export__ = ServiceNodePortRange$;
__webpack_unused_export__ = ServiceUnavailableException;
__webpack_unused_export__ = ServiceUnavailableException$;
__webpack_unused_export__ = SpreadLevel;
__webpack_unused_export__ = SsoIdentity$;
__webpack_unused_export__ = SsoIdentityType;
__webpack_unused_export__ = StartInsightsRefresh$;
__webpack_unused_export__ = StartInsightsRefreshCommand;
__webpack_unused_export__ = StartInsightsRefreshRequest$;
__webpack_unused_export__ = StartInsightsRefreshResponse$;
__webpack_unused_export__ = StorageConfigRequest$;
__webpack_unused_export__ = StorageConfigResponse$;
__webpack_unused_export__ = SupportType;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TagResourceResponse$;
__webpack_unused_export__ = Taint$;
__webpack_unused_export__ = TaintEffect;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = UnsupportedAvailabilityZoneException;
__webpack_unused_export__ = UnsupportedAvailabilityZoneException$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UntagResourceResponse$;
__webpack_unused_export__ = Update$;
__webpack_unused_export__ = UpdateAccessConfigRequest$;
__webpack_unused_export__ = UpdateAccessEntry$;
__webpack_unused_export__ = UpdateAccessEntryCommand;
__webpack_unused_export__ = UpdateAccessEntryRequest$;
__webpack_unused_export__ = UpdateAccessEntryResponse$;
__webpack_unused_export__ = UpdateAckConfig$;
__webpack_unused_export__ = UpdateAddon$;
__webpack_unused_export__ = UpdateAddonCommand;
__webpack_unused_export__ = UpdateAddonRequest$;
__webpack_unused_export__ = UpdateAddonResponse$;
__webpack_unused_export__ = UpdateArgoCdConfig$;
__webpack_unused_export__ = UpdateCapability$;
__webpack_unused_export__ = UpdateCapabilityCommand;
__webpack_unused_export__ = UpdateCapabilityConfiguration$;
__webpack_unused_export__ = UpdateCapabilityRequest$;
__webpack_unused_export__ = UpdateCapabilityResponse$;
__webpack_unused_export__ = UpdateClusterConfig$;
__webpack_unused_export__ = UpdateClusterConfigCommand;
__webpack_unused_export__ = UpdateClusterConfigRequest$;
__webpack_unused_export__ = UpdateClusterConfigResponse$;
__webpack_unused_export__ = UpdateClusterVersion$;
__webpack_unused_export__ = UpdateClusterVersionCommand;
__webpack_unused_export__ = UpdateClusterVersionRequest$;
__webpack_unused_export__ = UpdateClusterVersionResponse$;
__webpack_unused_export__ = UpdateEksAnywhereSubscription$;
__webpack_unused_export__ = UpdateEksAnywhereSubscriptionCommand;
__webpack_unused_export__ = UpdateEksAnywhereSubscriptionRequest$;
__webpack_unused_export__ = UpdateEksAnywhereSubscriptionResponse$;
__webpack_unused_export__ = UpdateLabelsPayload$;
__webpack_unused_export__ = UpdateNodegroupConfig$;
__webpack_unused_export__ = UpdateNodegroupConfigCommand;
__webpack_unused_export__ = UpdateNodegroupConfigRequest$;
__webpack_unused_export__ = UpdateNodegroupConfigResponse$;
__webpack_unused_export__ = UpdateNodegroupVersion$;
__webpack_unused_export__ = UpdateNodegroupVersionCommand;
__webpack_unused_export__ = UpdateNodegroupVersionRequest$;
__webpack_unused_export__ = UpdateNodegroupVersionResponse$;
__webpack_unused_export__ = UpdateParam$;
__webpack_unused_export__ = UpdateParamType;
__webpack_unused_export__ = UpdatePodIdentityAssociation$;
__webpack_unused_export__ = UpdatePodIdentityAssociationCommand;
__webpack_unused_export__ = UpdatePodIdentityAssociationRequest$;
__webpack_unused_export__ = UpdatePodIdentityAssociationResponse$;
__webpack_unused_export__ = UpdateRoleMappings$;
__webpack_unused_export__ = UpdateStatus;
__webpack_unused_export__ = UpdateTaintsPayload$;
__webpack_unused_export__ = UpdateType;
__webpack_unused_export__ = UpgradePolicyRequest$;
__webpack_unused_export__ = UpgradePolicyResponse$;
__webpack_unused_export__ = VersionStatus;
__webpack_unused_export__ = VpcConfigRequest$;
__webpack_unused_export__ = VpcConfigResponse$;
__webpack_unused_export__ = WarmPoolConfig$;
__webpack_unused_export__ = WarmPoolState;
__webpack_unused_export__ = ZonalShiftConfigRequest$;
__webpack_unused_export__ = ZonalShiftConfigResponse$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateDescribeAddonVersions;
__webpack_unused_export__ = paginateDescribeClusterVersions;
__webpack_unused_export__ = paginateListAccessEntries;
__webpack_unused_export__ = paginateListAccessPolicies;
__webpack_unused_export__ = paginateListAddons;
__webpack_unused_export__ = paginateListAssociatedAccessPolicies;
__webpack_unused_export__ = paginateListCapabilities;
__webpack_unused_export__ = paginateListCertificateAuthorities;
__webpack_unused_export__ = paginateListClusters;
__webpack_unused_export__ = paginateListEksAnywhereSubscriptions;
__webpack_unused_export__ = paginateListFargateProfiles;
__webpack_unused_export__ = paginateListIdentityProviderConfigs;
__webpack_unused_export__ = paginateListInsights;
__webpack_unused_export__ = paginateListNodegroups;
__webpack_unused_export__ = paginateListPodIdentityAssociations;
__webpack_unused_export__ = paginateListUpdates;
__webpack_unused_export__ = waitForAddonActive;
__webpack_unused_export__ = waitForAddonDeleted;
__webpack_unused_export__ = waitForCertificateAuthorityUpdateComplete;
__webpack_unused_export__ = waitForClusterActive;
__webpack_unused_export__ = waitForClusterDeleted;
__webpack_unused_export__ = waitForFargateProfileActive;
__webpack_unused_export__ = waitForFargateProfileDeleted;
__webpack_unused_export__ = waitForNodegroupActive;
__webpack_unused_export__ = waitForNodegroupDeleted;
__webpack_unused_export__ = waitUntilAddonActive;
__webpack_unused_export__ = waitUntilAddonDeleted;
__webpack_unused_export__ = waitUntilCertificateAuthorityUpdateComplete;
__webpack_unused_export__ = waitUntilClusterActive;
__webpack_unused_export__ = waitUntilClusterDeleted;
__webpack_unused_export__ = waitUntilFargateProfileActive;
__webpack_unused_export__ = waitUntilFargateProfileDeleted;
__webpack_unused_export__ = waitUntilNodegroupActive;
__webpack_unused_export__ = waitUntilNodegroupDeleted;


/***/ })

};
