"""The roles a SafeContext user can hold (DESIGN.md, "Who uses it").

What each role may do is in access/permissions.py.
"""

from django.db import models


class Role(models.TextChoices):
    FRONT_DOOR = "front_door", "Front-door practitioner"
    SOCIAL_WORKER = "social_worker", "Social worker"
    YOUTH_WORKER = "youth_worker", "Youth or VCS worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    DATA_OFFICER = "data_officer", "Data officer"
    ADMINISTRATOR = "administrator", "Administrator"
