from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "lamtheobac.drafting"
    verbose_name = "Soạn văn bản trước khi tải"
    default_auto_field = "django.db.models.BigAutoField"
