import Testing
import SigScope

/// The provider facts every provider-dependent choice reads (`ProviderProfile`).
@Suite("ProviderProfile")
struct ProviderProfileTests {
    @Test("a host belongs to the provider whose API domain it is under, in any case; a look-alike belongs to none",
          arguments: [("vpc.tencentcloudapi.com", Provider.tencent), ("VPC.AP-Guangzhou.TencentCloudAPI.com", .tencent), ("tencentcloudapi.com", .tencent),
                      ("ecs-cn-hangzhou.aliyuncs.com", .aliyun), ("ECS.aliyuncs.com", .aliyun)])
    func owningHost(host: String, provider: Provider) {
        #expect(Provider.owning(hostname: host) == provider)
    }

    @Test("look-alike hosts belong to no provider", arguments: ["tencentcloudapi.com.example.net", "nottencentcloudapi.com", "aliyuncs.com.cn", "127.0.0.1", "localhost"])
    func lookAlike(host: String) {
        #expect(Provider.owning(hostname: host) == nil)
    }

    @Test("the provider's own header prefix identifies it")
    func owningHeaders() {
        #expect(Provider.owning(headerNames: ["Content-Type", "X-TC-Action"]) == .tencent)
        #expect(Provider.owning(headerNames: ["x-acs-date"]) == .aliyun)
        #expect(Provider.owning(headerNames: ["Authorization", "Host"]) == nil)
    }

    @Test("a product's endpoints: Tencent's global, regional and international domains; Alibaba's two regional spellings")
    func endpoints() {
        #expect(ProviderProfile.tencent.endpoints(product: "vpc", region: "ap-guangzhou")
                == ["vpc.tencentcloudapi.com", "vpc.ap-guangzhou.tencentcloudapi.com", "vpc.intl.tencentcloudapi.com"])
        #expect(ProviderProfile.tencent.endpoints(product: "vpc", region: nil) == ["vpc.tencentcloudapi.com", "vpc.intl.tencentcloudapi.com"])
        #expect(ProviderProfile.aliyun.endpoints(product: "ecs", region: "cn-hangzhou")
                == ["ecs.aliyuncs.com", "ecs.cn-hangzhou.aliyuncs.com", "ecs-cn-hangzhou.aliyuncs.com"])
    }

    @Test("the SDKs' credential variables and the list base, per provider")
    func facts() {
        #expect(Provider.tencent.profile.environment.secretKey == "TENCENTCLOUD_SECRET_KEY")
        #expect(Provider.aliyun.profile.environment.token == "ALIBABA_CLOUD_SECURITY_TOKEN")
        #expect(Provider.tencent.listIndexBase == 0 && Provider.aliyun.listIndexBase == 1)
        #expect(Provider.aliyun.profile.regionParameter == "RegionId" && Provider.tencent.profile.regionParameter == nil)
    }

    @Test("a local address or localhost says nothing about the product; a name or a malformed address is not one",
          arguments: [("127.0.0.1", true), ("10.0.0.255", true), ("LOCALHOST", true), ("api.localhost", true), ("::1", true), ("fe80::1", true),
                      ("1.2.3", false), ("1.2.3.4.5", false), ("1.2.3.", false), (".1.2.3", false), ("1..2.3", false), ("1234.1.1.1", false),
                      ("1.2.3.4a", false), ("vpc.tencentcloudapi.com", false), ("١.٢.٣.٤", false), ("localhost.example", false)])
    func localAddress(host: String, local: Bool) {
        #expect(Endpoint.isAddressOrLocalhost(host) == local)
    }
}
