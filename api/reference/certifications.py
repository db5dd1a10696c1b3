"""Security and quality certifications a vendor can hold, with what each attests."""

from __future__ import annotations

CERTIFICATIONS: dict[str, str] = {
    "ISO_27001": "ISO/IEC 27001 information security management",
    "SOC_2": "SOC 2 Type II report on security controls",
    "GDPR_DPA": "GDPR data-processing agreement (Art. 28)",
    "HIPAA": "HIPAA compliance for US health data",
    "PCI_DSS": "PCI DSS for cardholder data",
    "ISO_9001": "ISO 9001 quality management",
    "ISO_27701": "ISO/IEC 27701 privacy information management",
    "CMMI_3": "CMMI maturity level 3 or higher",
    "CYBER_ESSENTIALS": "UK Cyber Essentials",
}
