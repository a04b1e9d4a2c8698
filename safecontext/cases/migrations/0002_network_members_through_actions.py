"""Case.network gets an explicit through model, CaseNetworkMember, on the table the plain many-to-many field already
created (cases_case_network: id, case_id, user_id, unique per pair). State only: the database is unchanged."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CaseNetworkMember",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("case", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="cases.case")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"db_table": "cases_case_network"},
                ),
                migrations.AlterField(
                    model_name="case",
                    name="network",
                    field=models.ManyToManyField(
                        blank=True, related_name="network_cases", through="cases.CaseNetworkMember", to=settings.AUTH_USER_MODEL
                    ),
                ),
                migrations.AddConstraint(
                    model_name="casenetworkmember",
                    constraint=models.UniqueConstraint(fields=("case", "user"), name="cases_case_network_case_id_user_id_uniq"),
                ),
            ],
        )
    ]
