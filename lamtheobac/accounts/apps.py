from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lamtheobac.accounts"
    verbose_name = "Tài khoản"
