"""DfE code lists for the front door (CIN census 2025-26, data item N00152 "source of referral")."""

from django.db import models


class ReferralSource(models.TextChoices):
    INDIVIDUAL_FAMILY = "1A", "Individual: family member, relative or carer"
    INDIVIDUAL_ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and child minders)"
    INDIVIDUAL_SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other (including strangers, MPs)"
    SCHOOLS = "2A", "Schools"
    EDUCATION_OTHER = "2B", "Education services"
    HEALTH_GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    HEALTH_SCHOOL_NURSE = "3C", "Health services: school nurse"
    HEALTH_OTHER_PRIMARY = "3D", "Health services: other primary health services"
    HEALTH_A_AND_E = "3E", "Health services: A&E (emergency department)"
    HEALTH_HOSPITAL = "3F", "Health services: other (e.g. hospice)"
    HOUSING = "4", "Housing (LA housing or housing association)"
    LA_SERVICES = "5A", "LA services: social care (e.g. adults social care)"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal department"
    LA_EXTERNAL = "5C", "LA services: external (e.g. from another LA's children's services)"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency (courts, probation, immigration, CAFCASS, prison)"
    OTHER = "8", "Other (including children's centres, independent agency providers, voluntary organisations)"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class LawfulBasis(models.TextChoices):
    # UK GDPR Art.6 and Art.9, as Working Together 2023 and the Information Sharing Advice (2024) frame them.
    CONSENT = "consent", "Consent given by the family or young person"
    PUBLIC_TASK = "public_task", "Public task: safeguarding duties (Children Act 1989 s17/s47)"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
    VITAL_INTERESTS = "vital_interests", "Vital interests: risk to life or serious harm"
