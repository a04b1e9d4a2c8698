"""The demo council's contexts and objects of interest (issue 3): the places, peer groups, schools and online spaces
where Brightside's young people spend time, and the vehicles, phone numbers and online handles that link them.

All invented. Where a real-world range exists that is nobody's, the demo uses it: Ofcom keeps 07700 900000 to 900999 for
drama, so those mobile numbers ring no one; British number plates never use I, Q or Z as an area letter, nor I or Q
among the last three letters, so a plate starting with Z and containing Q or I has never been issued.
"""

from __future__ import annotations

from dataclasses import dataclass

from safecontext.demo import data

# Context.Kind values, short so the tables below read as tables.
PLACE, PEER_GROUP, SCHOOL, ONLINE = "place", "peer_group", "school", "online"
# ObjectOfInterest.Kind values.
VEHICLE, PHONE, HANDLE = "vehicle", "phone", "online_handle"


@dataclass(frozen=True)
class ContextSpec:
    key: str
    kind: str
    name: str
    description: str
    postcode: str = ""
    # A point on the map (latitude, longitude as decimal strings, five places). Brightside stands in for Brighton &
    # Hove (data.LA_NUMBER), so its places sit on that stretch of coast; none is meant to be a real site.
    point: tuple[str, str] | None = None


@dataclass(frozen=True)
class ObjectSpec:
    key: str
    kind: str
    value: str  # as a practitioner would write it
    description: str


# The case study's places (data.CASE_STUDY_PLACES) as contexts. The case study says "route" and "business"; the
# Context model has no such kinds, and a cycle path or a chicken shop is a place young people spend time.
_CASE_STUDY_KIND = {"place": PLACE, "route": PLACE, "business": PLACE, "school": SCHOOL}
_CASE_STUDY_WHERE: dict[str, tuple[str, tuple[str, str] | None]] = {
    "hollowmere-park": ("BN7 3ZB", ("50.84612", "-0.13977")),
    "old-railway-path": ("", ("50.83890", "-0.14820")),  # the underpass where Asif was chased
    "brightside-academy": ("BN7 3ZF", ("50.84377", "-0.13105")),
    "chicken-shop": ("BN7 2ZG", ("50.83541", "-0.14230")),
}


def case_study_contexts() -> tuple[ContextSpec, ...]:
    return tuple(
        ContextSpec(
            place.key,
            _CASE_STUDY_KIND[place.kind],
            place.name,
            place.description,
            *_CASE_STUDY_WHERE[place.key],
        )
        for place in data.CASE_STUDY_PLACES
    )


# The bus route and the adult at the centre of the demo's cluster (referred separately; see referral_data.py).
ROUTE_7 = "route-7"
TINY = "tiny"

OTHER_CONTEXTS: tuple[ContextSpec, ...] = (
    # --- places ---
    ContextSpec(ROUTE_7, PLACE, "Route 7 bus / Brightside Interchange",
                "The number 7 bus between Brightside Interchange and the Hollowmere Estate, and the Interchange "
                "itself: the bus station concourse, the taxi rank and the stairs to the multi-storey car park.",
                "BN1 4ZE", ("50.82930", "-0.14100")),
    ContextSpec("seafront-arches", PLACE, "The seafront arches, Saltwind Parade",
                "Arches under the promenade where young people drink at weekends; older men have been seen buying "
                "them alcohol.", "BN2 1ZA", ("50.81870", "-0.12890")),
    ContextSpec("tidemill-skatepark", PLACE, "Tidemill skate park",
                "Skate park on the Tidemill Estate. Empower Youth runs a Thursday drop-in there.",
                "BN2 5ZH", ("50.82810", "-0.11240")),
    ContextSpec("ferryman-garages", PLACE, "Lock-up garages, Ferryman Lane",
                "A row of lock-up garages behind Ferryman Lane, unlit and out of sight of the houses.",
                "BN3 5ZD", ("50.83160", "-0.17730")),
    ContextSpec("coldean-fields", PLACE, "Coldean Vale playing fields",
                "Playing fields and the pavilion car park; groups of boys from different estates meet there.",
                "BN1 9ZR", ("50.86120", "-0.11760")),
    ContextSpec("downsview-retail", PLACE, "Downsview Retail Park",
                "Retail park with a fast-food restaurant and a bus stop; pupils gather there after school.",
                "BN1 8ZP", ("50.85230", "-0.15610")),
    ContextSpec("station-car-park", PLACE, "Brightside Station car park",
                "The station's upper car park, quiet after the evening rush.", "BN1 3ZT", ("50.82950", "-0.14090")),
    ContextSpec("rookery-underpass", PLACE, "Rookery Row underpass",
                "Pedestrian underpass under the ring road; young people report being robbed there.",
                "BN2 4ZL", ("50.83470", "-0.12360")),
    ContextSpec("linnet-community-centre", PLACE, "Linnet Park Community Centre",
                "Youth club on Monday and Wednesday evenings; staff know the young people well and are a safe "
                "place to go.", "BN7 4ZE", ("50.84890", "-0.12030")),
    ContextSpec("wrenfold-stairwells", PLACE, "Wrenfold House stairwells, Hollowmere Estate",
                "Stairwells of a tower block on the Hollowmere Estate; residents report young people gathering late "
                "at night and older men visiting a flat on the ninth floor.", "BN7 3ZQ", ("50.84530", "-0.13610")),
    # --- peer groups ---
    ContextSpec("hollowmere-group", PEER_GROUP, "Hollowmere group (Asif and friends)",
                "Asif, Tyrese, Kyle, Mo and Jordan: friends since primary school who meet at Hollowmere Park and "
                "Chick'n'Go. In times of crisis they come to Empower Youth together."),
    ContextSpec("lp-group", PEER_GROUP, "'LP' (Linnet Park group)",
                "About eight boys aged 14 to 17 from Linnet Park; police link some of them to cannabis supply."),
    ContextSpec("tidemill-girls", PEER_GROUP, "Tidemill girls' friendship group",
                "A friendship group of girls aged 14 and 15 from the Tidemill Estate; images of other pupils have "
                "been shared in their group chat."),
    ContextSpec("seafront-group", PEER_GROUP, "Seafront weekend group",
                "Young people, mostly 15 to 17, who drink at the seafront arches at weekends with older men."),
    # --- schools and education settings ---
    ContextSpec("downsview-school", SCHOOL, "Downsview School",
                "Secondary school, ages 11 to 16.", "BN1 8ZS", ("50.85410", "-0.15230")),
    ContextSpec("ridgeway-college", SCHOOL, "Ridgeway Community College",
                "Secondary school with a sixth form, ages 11 to 18.", "BN2 6ZJ", ("50.83720", "-0.10850")),
    ContextSpec("seagrave-sixth-form", SCHOOL, "Seagrave Sixth Form College",
                "Sixth-form college, ages 16 to 19.", "BN3 2ZW", ("50.83050", "-0.16420")),
    ContextSpec("harrowmead-primary", SCHOOL, "Harrowmead Primary School",
                "Primary school, ages 4 to 11.", "BN7 4ZN", ("50.84960", "-0.12580")),
    ContextSpec("starling-primary", SCHOOL, "Starling Close Primary School",
                "Primary school, ages 4 to 11.", "BN2 3ZU", ("50.83230", "-0.11670")),
    ContextSpec("cuckmere-centre", SCHOOL, "Cuckmere Learning Centre",
                "Alternative provision (pupil referral unit) for young people out of mainstream school.",
                "BN2 7ZX", ("50.84050", "-0.10330")),
    # --- online spaces ---
    ContextSpec("r7-snapchat", ONLINE, "Snapchat group 'R7 Mandem'",
                "A Snapchat group named after the Route 7 bus; an account called @tiny.g7 adds young people to it."),
    ContextSpec("brightside-links", ONLINE, "Instagram page 'Brightside Links'",
                "An Instagram page that posts meet-ups and parties; older accounts message young followers."),
    ContextSpec("tidemill-discord", ONLINE, "Discord server 'Tidemill Gamers'",
                "A gaming Discord server run by older boys from the Tidemill Estate."),
)  # fmt: skip

OBJECTS: tuple[ObjectSpec, ...] = (
    # "Asif would point out … vehicles he recognised" (seed 000): the grey car outside the chicken shop.
    ObjectSpec("grey-audi", VEHICLE, "ZP19 QXK", "Grey Audi A3 that waits outside Chick'n'Go; Dex drives it"),
    ObjectSpec("black-van", VEHICLE, "ZV63 QIE", "Black Ford Transit van seen at Brightside Interchange at night"),
    ObjectSpec("tiny-phone", PHONE, "07700 900417", "Saved as 'T' in young people's phones"),
    ObjectSpec("dex-phone", PHONE, "07700 900982", "The 'D line': texts young people offering work"),
    ObjectSpec("tiny-handle", HANDLE, "@tiny.g7", "Snapchat account that adds young people to 'R7 Mandem'"),
    ObjectSpec("jayy-handle", HANDLE, "@jayy.b_19", "Instagram account of a 19-year-old 'boyfriend'"),
)


def all_contexts() -> tuple[ContextSpec, ...]:
    return case_study_contexts() + OTHER_CONTEXTS


# --- Links recorded directly in the case study (seed 000) -----------------------------------------------------------
# Node references read "p:<person key>", "c:<context key>", "o:<object key>". Family links (parent, sibling, friend)
# come from the cases' involvements; these are the rest of Asif's map, which he drew with Ali.


@dataclass(frozen=True)
class DirectLinkSpec:
    a: str
    type: str  # a Link.Type value; the link reads "a —type→ b"
    b: str
    nature: str = "unknown"
    days_ago: int = 200
    recorded_by: str = "ali"


CASE_STUDY_PURPOSE = "Mapping Asif's places and people with him (direct work, Empower Youth)"

CASE_STUDY_LINKS: tuple[DirectLinkSpec, ...] = (
    DirectLinkSpec("p:dex", "exploits", "p:asif", "harmful", 190),
    DirectLinkSpec("p:dex", "uses", "o:grey-audi", "harmful", 190),
    DirectLinkSpec("p:dex", "uses", "o:dex-phone", "harmful", 150),
    DirectLinkSpec("p:asif", "member_of", "c:hollowmere-group", "unknown", 220),
    DirectLinkSpec("p:tyrese", "member_of", "c:hollowmere-group", "unknown", 220),
    DirectLinkSpec("p:kyle", "member_of", "c:hollowmere-group", "unknown", 220),
    DirectLinkSpec("p:mo", "member_of", "c:hollowmere-group", "unknown", 220),
    DirectLinkSpec("p:jordan", "member_of", "c:hollowmere-group", "unknown", 220),
    # A protective place: Asif goes to the community centre's youth club when things are hard.
    DirectLinkSpec("p:asif", "frequents", "c:linnet-community-centre", "protective", 120),
)

# Where the generic families' children spend time, as their workers recorded it: a school by age, sometimes a place.
SECONDARY_SCHOOLS: tuple[str, ...] = ("downsview-school", "ridgeway-college", "cuckmere-centre", "brightside-academy")
SIXTH_FORMS: tuple[str, ...] = ("seagrave-sixth-form", "ridgeway-college")
PRIMARY_SCHOOLS: tuple[str, ...] = ("harrowmead-primary", "starling-primary")
EVERYDAY_PLACES: tuple[str, ...] = (
    "linnet-community-centre",
    "downsview-retail",
    "coldean-fields",
    "tidemill-skatepark",
    "station-car-park",
)
# The workers' own mapping adds young people to a school or a place only while it holds fewer open young people
# than this.
GENERIC_SCHOOL_CAP = 5
GENERIC_PLACE_CAP = 3
GENERIC_PURPOSE = "Recorded by the allocated worker from direct work with the young person"
FAMILY_PURPOSE = "The family and friends named on the case"
