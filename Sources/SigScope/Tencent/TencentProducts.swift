/// The Tencent Cloud product (the TC3 credential-scope service) of the actions sigscope
/// knows, for requests whose endpoint does not name it: an IP address or `localhost` (a mock,
/// a local proxy).
enum TencentProducts {
    /// Actions of the VPC API (version 2017-03-12), whose elastic network interfaces sigscope
    /// plans, validates and decodes: the interface actions and those of the resources they use.
    static let vpcActions: Set<String> = [
        "CreateNetworkInterface", "DeleteNetworkInterface", "DescribeNetworkInterfaces", "DescribeNetworkInterfaceLimit",
        "AttachNetworkInterface", "DetachNetworkInterface", "ModifyNetworkInterfaceAttribute", "MigrateNetworkInterface",
        "AssignPrivateIpAddresses", "UnassignPrivateIpAddresses", "ModifyPrivateIpAddressesAttribute", "MigratePrivateIpAddress",
        "AssignIpv6Addresses", "UnassignIpv6Addresses", "ModifyNetworkInterfaceQos", "DescribeNetworkInterfaceQos",
        "DescribeVpcs", "CreateVpc", "DeleteVpc", "DescribeSubnets", "CreateSubnet", "DeleteSubnet",
        "DescribeSecurityGroups", "CreateSecurityGroup", "DeleteSecurityGroup", "DescribeAddresses", "AllocateAddresses", "AssociateAddress",
    ]

    /// The product of `action`: `vpc` for the VPC actions above and those with rules in `RuleBook`, else nil.
    static func product(forAction action: String) -> String? {
        if vpcActions.contains(action) || RuleBook.rules(for: .tencent, action: action) != nil { return "vpc" }
        return nil
    }

    /// The credential-scope service of a request for `action` to `hostname`: the host's first
    /// label, lower-cased, for a named host without its port (`vpc` for `VPC.TencentCloudAPI.com`); the action's
    /// product for an IP address or `localhost`, else the default endpoint's (`vpc`).
    static func service(forHost hostname: String, action: String) -> String {
        if Endpoint.isAddressOrLocalhost(hostname) {
            return product(forAction: action) ?? TC3Signer.defaultService(forHost: Provider.tencent.defaultEndpoint)
        }
        return TC3Signer.defaultService(forHost: hostname).lowercased()
    }
}
