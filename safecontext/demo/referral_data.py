"""Brightside's front door over the last four weeks, as data: forty referrals in the referrers' own words, what they
mention, and how the front door screened them (issue 3, capability 9).

The heart of it is a cluster the Contextual Safeguarding toolkit asks a front door to see: young people referred
separately — by a school, the police, a mother and a hospital, on different days — who were each hurt or drawn in
on the same bus route, by an adult every referrer spells differently ("Tiny", "Tiney", "Tyni"). Each referral on its
own looks like one child's trouble; matched to one bus route and one adult, they are one context of harm.

All invented; any likeness to a real person is chance. Times are worked out by front_door_builder.py from the day
the demo is loaded, so the queue always looks current: "screened" referrals arrived `days_ago` calendar days before,
"overdue" ones `days_ago` working days before; "awaiting" and "next_triage" referrals arrive in the last hours.
"""

from safecontext.demo.front_door_data import ROUTE_7, TINY
from safecontext.demo.other_referrals import AT_HOME, ELSEWHERE, SINCE_LAST_TRIAGE, WAITING
from safecontext.demo.referral_specs import (
    ADULT,
    AWAITING,
    CONSENT,
    CONTEXT,
    NOT_SOUGHT_RISK,
    OBJECT,
    OVERDUE,
    PEER,
    PUBLIC_TASK,
    SCREENED,
    ActionSpec,
    ReferralSpec,
    ReferredChildSpec,
    ScreeningSpec,
    StrategySpec,
    act,
    mention,
)

M, F = "1", "2"

REFERRED_CHILDREN: tuple[ReferredChildSpec, ...] = (
    # The cluster: four young people, four schools or none, one bus route.
    ReferredChildSpec("fd.ellis", "Ellis", "Tomlinson", M, 15, "WBRI"),
    ReferredChildSpec("fd.precious", "Precious", "Adjei", F, 14, "BAFR", ("Presh",)),
    ReferredChildSpec("fd.harvey", "Harvey", "Gorringe", M, 13, "WBRI", ("Harv",)),
    ReferredChildSpec("fd.sami", "Sami", "Nasser", M, 16, "OOTH"),
    # Everyone else the front door heard about.
    ReferredChildSpec("fd.ruby", "Ruby-Mae", "Stringer", F, 13, "WBRI", ("Rubes",)),
    ReferredChildSpec("fd.oskar", "Oskar", "Lewandowski", M, 15, "WOTH", ("Ozzy",)),
    ReferredChildSpec("fd.jayden", "Jayden", "Fairbrother", M, 17, "MWBC"),
    ReferredChildSpec("fd.dylan", "Dylan", "Penfold", M, 14, "WBRI"),
    ReferredChildSpec("fd.finn", "Finn", "O'Rourke", M, 13, "WIRI"),
    ReferredChildSpec("fd.alfie", "Alfie", "Tanner", M, 15, "WBRI"),
    ReferredChildSpec("fd.tobi", "Tobi", "Ogunleye", M, 12, "BAFR"),
    ReferredChildSpec("fd.lily", "Lily", "Attree", F, 9, "WBRI"),
    ReferredChildSpec("fd.charlie", "Charlie", "Dunn", M, 11, "WBRI"),
    ReferredChildSpec("fd.zainab", "Zainab", "Qureshi", F, 15, "APKN"),
    ReferredChildSpec("fd.reuben", "Reuben", "Castle", M, 10, "WBRI"),
    ReferredChildSpec("fd.poppy", "Poppy", "Ainsworth", F, 8, "WBRI"),
    ReferredChildSpec("fd.ethan", "Ethan", "Rowe", M, 12, "WBRI"),
    ReferredChildSpec("fd.maya", "Maya", "Okoro", F, 15, "BAFR"),
    ReferredChildSpec("fd.noah", "Noah", "Whitlock", M, 9, "WBRI"),
    ReferredChildSpec("fd.inaya", "Inaya", "Siddiqui", F, 12, "APKN", household="siddiqui"),
    ReferredChildSpec("fd.ayaan", "Ayaan", "Siddiqui", M, 9, "APKN", household="siddiqui"),
    ReferredChildSpec("fd.rania", "Rania", "Khoury", F, 14, "OOTH", household="khoury"),
    ReferredChildSpec("fd.bilal", "Bilal", "Khoury", M, 11, "OOTH", household="khoury"),
    ReferredChildSpec("fd.kian", "Kian", "Pelling", M, 10, "WBRI", household="pelling"),
    ReferredChildSpec("fd.ava", "Ava", "Pelling", F, 8, "WBRI", household="pelling"),
    ReferredChildSpec("fd.sienna", "Sienna", "Price", F, 14, "MWBA"),
    ReferredChildSpec("fd.amelia", "Amelia-Rose", "Hartley", F, 16, "WBRI", ("Millie",)),
    ReferredChildSpec("fd.mia", "Mia", "Sadowska", F, 14, "WOTH"),
    ReferredChildSpec("fd.kiara", "Kiara", "Lindo", F, 15, "BCRB"),
    ReferredChildSpec("fd.hamza", "Hamza", "", M, None, "NOBT", known=False),  # an anonymous caller's first name
    ReferredChildSpec("fd.jakub", "Jakub", "Wrona", M, 13, "WOTH"),
    ReferredChildSpec("fd.aaliyah", "Aaliyah", "Morgan-Brooks", F, 16, "MWBC", ("Liyah",)),
    ReferredChildSpec("fd.isla", "Isla", "Hendry", F, 16, "WBRI"),
    ReferredChildSpec("fd.leah", "Leah", "Kettle", F, 17, "WBRI"),
)

# The adult of concern at the centre of the cluster: one record, found from three spellings of his street name.
TINY_NAMES: tuple[str, ...] = ("Tiny", "Tiney", "Tyni")
TINY_AGE = 24  # "a man in his twenties": an estimate

# Council users who sit at the daily triage meeting. Empower Youth comes because it takes most of the
# medium- and low-risk young people (seed 002: Empower-U's morning triage). The partner agencies' demo users attend
# too: police at every meeting, school and health on alternate days, as a partnership rota would have it.
TRIAGE_CHAIR = "tm.frontdoor"
TRIAGE_COUNCIL = ("tm.frontdoor", "fd.sam", "fd.nadia", "tm.empower")
TRIAGE_POLICE = "police.leon"
TRIAGE_ROTA = ("school.ruth", "health.amara")

# Re-referrals name children the council already works with; the builder picks them from the open cases.
KNOWN = ("@known1", "@known2", "@known3", "@known4")

ROUTE = f"c:{ROUTE_7}"
TINY_NODE = f"p:{TINY}"

# The Route 7 cluster.
ROUTE_7_CLUSTER: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "ellis", SCREENED, 19, "15:40", "2A", "Gareth Pryce", "Downsview School (Head of Year 10)",
        "g.pryce@downsview.example, 01632 960114",
        "Ellis came to school with a split lip and bruising to his cheek. He told his form tutor that older boys set "
        "on him on the number 7 bus home from the Interchange, and that 'Tiny' sent them because he 'owes'. He would "
        "not say what he owes or who Tiny is. His attendance has fallen to 81% this half term.",
        CONSENT, "Ellis's mother agreed to the referral by phone; Ellis knows it has been made.", "fd.sam",
        children=("fd.ellis",),
        mentions=(
            mention(CONTEXT, "the number 7 bus from the Interchange", ROUTE, "harmed_at", "harmful"),
            mention(ADULT, "Tiny", TINY_NODE, "exploits", "harmful", new=True),
            mention(CONTEXT, "Downsview School", "c:downsview-school", "attends"),
        ),
        screening=ScreeningSpec(
            ("cdn-2-01", "cdn-4-11"), "medium",
            "Assaulted on a bus route over a 'debt' to an older male; no missing episodes; his mother is protective.",
            "fd.sam", decided_level=3, at="10:20",
            level_rationale="The exploitation concern rests on one remark and his mother is protective and engaged: "
            "Early Help Partnership Plus with Empower Youth while the police find out who 'Tiny' is. Raise to level 4 "
            "if anything more comes in.",
            triage_decision="Empower Youth to offer Ellis a worker. School to share attendance weekly. Police to "
            "record 'Tiny' and the assault on the Route 7 as intelligence.",
            actions=(
                act("Offer Ellis direct work, first meeting at school", "yw.jade", 3),
                act("Share Ellis's attendance with the front door weekly", "school.ruth", 5),
                act("Record 'Tiny' and the Route 7 assault as police intelligence", "police.leon", 2),
            ),
        ),
    ),
    ReferralSpec(
        "precious", SCREENED, 12, "23:20", "6", "PC Sian Marsh", "Brightside Police (response team)",
        "Police control room, reference BP-4471",
        "At 22:50 officers saw Precious (14) get off the number 7 bus at Brightside Interchange with a man in his "
        "twenties she called 'Tiney'. He walked away before officers reached them. She had £240 in cash and a second "
        "phone with one contact, saved as 'T' (07700 900417). A black Ford Transit van, ZV63 QIE, was waiting at the "
        "taxi rank and left with him. She had not been reported missing; her mother thought she was at a friend's.",
        PUBLIC_TASK, NOT_SOUGHT_RISK, "fd.nadia", children=("fd.precious",), restricted=True,
        mentions=(
            mention(CONTEXT, "Brightside Interchange, off the number 7 bus", ROUTE, "frequents", "harmful"),
            mention(ADULT, "Tiney", TINY_NODE, "exploits", "harmful"),
            mention(OBJECT, "07700 900417 (saved as 'T')", "o:tiny-phone", "mentioned_with", "harmful"),
            mention(OBJECT, "black Ford Transit van ZV63 QIE", "o:black-van", "mentioned_with", "harmful"),
        ),
        screening=ScreeningSpec(
            ("cdn-4-11", "cdn-2-02", "pc-2-02"), "high",
            "Out late at night with an unknown adult, cash and a second phone: signs of criminal and possibly sexual "
            "exploitation. Her mother did not know where she was.",
            "tm.frontdoor", at="09:10",
        ),
    ),
    ReferralSpec(
        "harvey", OVERDUE, 2, "10:05", "1A", "Kerry Gorringe", "Harvey's mother", "01632 960187",
        "My son Harvey keeps getting the 7 bus to the Interchange after school and not coming home until gone ten. "
        "He says he is 'working for Tyni' and came home with new trainers and a phone I never bought him. He's 13. "
        "He's always on a Snapchat group called R7 Mandem. I'm scared for him.",
        CONSENT, "Harvey's mother made the referral and agreed to the front door talking to his school and the "
        "police.", "fd.sam", children=("fd.harvey",),
        mentions=(
            mention(CONTEXT, "the 7 bus to the Interchange", ROUTE, "frequents", "harmful"),
            mention(ADULT, "Tyni", TINY_NODE, "exploits", "harmful"),
            mention(CONTEXT, "Snapchat group called R7 Mandem", "c:r7-snapchat", "member_of", "harmful"),
        ),
    ),
    ReferralSpec(
        "sami", AWAITING, 0, "23:40", "3E", "Dr Laura Keane", "Emergency Department, Brightside General Hospital",
        "ED safeguarding line, 01632 960150",
        "Sami (16) came in with a 3 cm cut to his left forearm, glued and discharged home with his uncle. He said he "
        "was cut on the number 7 bus near the Interchange and would not say by whom. The friends who brought him in "
        "told a nurse it was 'Tiny's lot' and that Sami 'should have paid'. This is his second attendance with an "
        "injury in two months.",
        "vital_interests", "Sami did not agree to a referral. Shared without consent because of the risk of serious "
        "harm (a knife injury); Sami was told it had been made.", "fd.nadia", children=("fd.sami",),
        mentions=(
            mention(CONTEXT, "the number 7 bus near the Interchange", ROUTE, "harmed_at", "harmful"),
            mention(ADULT, "Tiny", TINY_NODE, "exploits", "harmful"),
        ),
    ),
    ReferralSpec(
        "route-7", AWAITING, 0, "08:45", "6", "DC Leon Harris", "Brightside Police (Missing and Exploitation Unit)",
        "l.harris@brightside-police.example",
        "Referring the Route 7 bus and Brightside Interchange as a context. Since half term police and schools have "
        "recorded separate incidents there involving young people from different schools: assaults on the bus, a "
        "14-year-old found with cash and a second phone, and young people saying they 'work for' an older male known "
        "as Tiny. We would like a context assessment with the bus company (CCTV, driver briefings), the Interchange "
        "security team and detached youth work.",
        PUBLIC_TASK, "A referral about a place: no one person's consent applies. Young people's details will be "
        "shared only as the assessment needs.", "fd.nadia", context=ROUTE_7,
        mentions=(
            mention(ADULT, "an older male known as Tiny", TINY_NODE, "frequents", "harmful"),
            mention(OBJECT, "@tiny.g7 on Snapchat", "o:tiny-handle", "mentioned_with", "harmful"),
            mention(OBJECT, "the black Transit, ZV63 QIE", "o:black-van", "mentioned_with", "harmful"),
        ),
    ),
)  # fmt: skip

# Asif's world (seed 000): his friends come to the front door one by one.
ASIFS_FRIENDS: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "jordan", SCREENED, 9, "11:20", "2A", "Ruth Pemberton", "Brightside Academy (Designated Safeguarding Lead)",
        "r.pemberton@brightside-schools.example",
        "Staff saw Jordan passing small packages to two Year 8 pupils at the school gate. He has a new phone and cash "
        "and told his tutor 'D looks after me'. He spends his evenings at Chick'n'Go on Marlowe Road with Asif "
        "Rahimi and others.",
        PUBLIC_TASK, "Jordan's father has been told of the referral. " + NOT_SOUGHT_RISK, "fd.nadia",
        children=("jordan",),
        mentions=(
            mention(ADULT, "D", "p:dex", "exploits", "harmful"),
            mention(CONTEXT, "Chick'n'Go on Marlowe Road", "c:chicken-shop", "frequents", "harmful"),
            mention(CONTEXT, "Brightside Academy", "c:brightside-academy", "attends"),
            mention(PEER, "Asif Rahimi", "p:asif", "friend"),
        ),
        screening=ScreeningSpec(
            ("cdn-2-13", "cdn-4-11"), "medium",
            "Drawn into supply by the adult known as Dex, already known through Asif's case; no missing episodes; "
            "his father is engaged.", "fd.nadia", at="14:30",
            triage_decision="Empower Youth to offer Jordan a worker alongside Asif's, so the group's work stays "
            "together. Police to share what they know about 'D' and the grey Audi.",
            actions=(
                act("Agree joint work with Jordan and Asif with Ali", "tm.empower", 2),
                act("Share what can be shared about 'D' and the grey Audi", "police.leon", 3),
            ),
        ),
    ),
    ReferralSpec(
        "tyrese", SCREENED, 15, "20:45", "6", "PC Tom Achterberg", "Brightside Police (roads policing)",
        "Police control room, reference BP-4302",
        "Tyrese was a rear-seat passenger in a grey Audi A3, ZP19 QXK, stopped on Marlowe Road with no insurance. "
        "The driver, a man in his twenties, gave his name as 'D' and no address; the car was seized. Tyrese had "
        "three phones. Officers took him home to his mother.",
        PUBLIC_TASK, "Police information shared under the force's safeguarding duty; consent not sought.",
        "fd.sam", children=("tyrese",), restricted=True,
        mentions=(
            mention(OBJECT, "grey Audi A3, ZP19 QXK", "o:grey-audi", "mentioned_with", "harmful"),
            mention(ADULT, "'D'", "p:dex", "exploits", "harmful"),
        ),
        screening=ScreeningSpec(
            ("cdn-4-11", "cdn-3-15"), "medium",
            "Tyrese already has a social worker; this is new police information about the same adult as Asif's.",
            "fd.sam", at="09:40",
            triage_decision="Share with Tyrese's social worker and with Ali; no new assessment.",
            actions=(act("Update Tyrese's plan with the police information", "sw.priya", 2),),
        ),
    ),
    ReferralSpec(
        "mo", AWAITING, 0, "18:05", "8", "Marcus Reid", "Empower Youth (youth service manager)",
        "m.reid@empower-youth.example",
        "Little Mo (Mohammed Saleh, 14) came to the Thursday drop-in at Tidemill skate park with Asif. He told a "
        "youth worker that Dex had given him a phone to 'look after' and that he has to answer it. He hangs about "
        "Hollowmere Park most nights. He asked us not to tell his dad.",
        PUBLIC_TASK, "Mo asked us not to tell his father. We explained that we had to share this to keep him safe "
        "and that the front door would decide who else needs to know.", "fd.sam", children=("mo",),
        mentions=(
            mention(ADULT, "Dex", "p:dex", "exploits", "harmful"),
            mention(OBJECT, "the phone Dex gave him (07700 900982)", "o:dex-phone", "uses", "harmful"),
            mention(CONTEXT, "Tidemill skate park", "c:tidemill-skatepark", "frequents"),
            mention(CONTEXT, "Hollowmere Park", "c:hollowmere-park", "frequents", "harmful"),
            mention(PEER, "Asif", "p:asif", "friend"),
        ),
    ),
)  # fmt: skip

REFERRALS: tuple[ReferralSpec, ...] = (
    *ROUTE_7_CLUSTER,
    *ASIFS_FRIENDS,
    *ELSEWHERE,
    *AT_HOME,
    *SINCE_LAST_TRIAGE,
    *WAITING,
)

# Held the day Precious was screened: Working Together 2023 (ch.3) asks for a strategy discussion when a child may be
# suffering significant harm; the routing rules make it due by the end of the decision's working day.
STRATEGY_DISCUSSION = StrategySpec(
    referral="precious",
    held_at="13:00",
    chair="tm.frontdoor",
    attendees=("tm.frontdoor", "fd.nadia", "police.leon", "school.ruth", "health.amara", "tm.south"),
    guests=(("Joanne Mercer", "Ridgeway Community College (Designated Safeguarding Lead)"),),
    outcome="s47",
    outcome_notes=(
        "Section 47 enquiry to start today, led by Pod South. Precious is likely to be suffering significant harm "
        "through criminal and possibly sexual exploitation by the adult she calls 'Tiney'. A safety plan was agreed "
        "with her mother this afternoon."
    ),
    restricted_minutes=(
        "Police intelligence, not to be shared with the family: 07700 900417 is linked to supply on the Route 7 "
        "corridor, and the black Ford Transit ZV63 QIE is registered to a company with no trading address."
    ),
    decision="Section 47 enquiry. Safety plan with Precious's mother today; a named adult at school; police to "
    "research 'Tiney', the phone and the van.",
    restricted_information="The phone number and the van appear in police intelligence about supply on Route 7.",
    actions=(
        act("Allocate a social worker to lead the section 47 enquiry", "tm.south", 0),
        act("Research 'Tiney', the phone number and the van; share what can be shared", "police.leon", 2),
        act("Named adult in school and a daily attendance check for Precious", "school.ruth", 1),
        act("Offer Precious a sexual health and wellbeing review", "health.amara", 5, done=False),
        ActionSpec(
            "Keep CCTV from the Route 7 bus for the night of the incident",
            due_working_days=3,
            done=True,
            owner_name="Claire Dunstan",
            owner_agency="Brightside & District Buses",
        ),
    ),
    links=((TINY_NODE, "uses", "o:tiny-phone"), (TINY_NODE, "uses", "o:black-van")),
)
