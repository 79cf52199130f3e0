import SigScope
/// The text form of `sigscope plan`: the validation summary and findings, then the ENI that
/// would be created.
package enum PlanText {
    /// Renders `plan` for a person.
    package static func render(_ plan: PlanReport, style: Style = .plain) -> String {
        var out = ValidationText.render(plan.report, style: style)
        guard let eni = plan.plan else {
            return out + "\n" + style.dim("no plan: sigscope plans CreateNetworkInterface only") + "\n"
        }
        out += "\n" + style.bold(plan.report.valid ? "The ENI that would be created" : "The ENI that was asked for (the server would refuse it)") + "\n"
        var rows: [(String, String)] = [
            ("VPC", eni.vpcId ?? "?"),
            (eni.provider == .tencent ? "Subnet" : "vSwitch", eni.subnetId ?? "?"),
            ("Zone", eni.zone ?? "? (not in the context)"),
            ("Security groups", eni.securityGroupIds.isEmpty ? "none" : eni.securityGroupIds.joined(separator: ", ")),
        ]
        for (i, address) in eni.privateIpAddresses.enumerated() {
            let kind = (address.primary ? "primary" : "secondary") + ", " + (address.source == .given ? "given" : "lowest free now; the server picks its own")
            rows.append((i == 0 ? "Private IPs" : "", "\(address.address)  (\(kind))"))
        }
        if eni.unplannedAddresses > 0 {
            rows.append((eni.privateIpAddresses.isEmpty ? "Private IPs" : "", "\(eni.unplannedAddresses) more the server assigns (not planned: the subnet's CIDR or free addresses are not known)"))
        }
        if eni.privateIpAddresses.isEmpty && eni.unplannedAddresses == 0 { rows.append(("Private IPs", "none")) }
        rows.append(("Tags", eni.tags.isEmpty ? "none" : eni.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))
        if let quota = eni.quota {
            let name = quota.name.map { " (\($0))" } ?? ""
            if let used = quota.used, let limit = quota.limit {
                rows.append(("ENI quota", "\(used) used of \(limit)\(name); \(max(limit - used - 1, -1)) left after this one"))
            } else if let used = quota.used {
                rows.append(("ENI quota", "\(used) used; the limit is not in the context"))
            } else {
                rows.append(("ENI quota", "limit \(quota.limit.map(String.init) ?? "not known")\(name); how many ENIs count against it is not known (no DescribeNetworkInterfaces response)"))
            }
        } else {
            rows.append(("ENI quota", "not known (no DescribeNetworkInterfaces or quota response)"))
        }
        let width = rows.map { $0.0.count }.max() ?? 0
        for (label, value) in rows {
            out += "  " + style.cyan(ValidationText.pad(label, width)) + "  " + value + "\n"
        }
        return out
    }
}
